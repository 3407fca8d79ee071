import type { FastifyInstance } from 'fastify';
import { UnissonError } from '../errors';

/**
 * Where a text stops being JSON: the offset of the first character that cannot be there (its
 * length when the text ends too early), or -1 when it is JSON. Node's own message gives no
 * position for most mistakes ("Unexpected token 'x', … is not valid JSON"), hence this walk; it
 * keeps a stack of its own, so a body nested 100,000 levels deep is walked without recursion.
 */
export function jsonErrorOffset(text: string): number {
  const open: ('{' | '[')[] = [];
  let at = 0;
  let expecting: 'value' | 'key' | 'after' = 'value';
  const skipSpaces = () => {
    while (at < text.length && (text[at] === ' ' || text[at] === '\t' || text[at] === '\n' || text[at] === '\r')) at++;
  };
  for (;;) {
    skipSpaces();
    const c = text[at];
    if (expecting === 'value') {
      if (c === '{' || c === '[') {
        at++;
        skipSpaces();
        if (text[at] === (c === '{' ? '}' : ']')) {
          at++;
          expecting = 'after';
        } else {
          open.push(c);
          expecting = c === '{' ? 'key' : 'value';
        }
      } else if (c === '"') {
        if (!skipString()) return at;
        expecting = 'after';
      } else {
        SCALAR.lastIndex = at;
        const scalar = SCALAR.exec(text);
        if (!scalar) return at;
        at += scalar[0].length;
        expecting = 'after';
      }
    } else if (expecting === 'key') {
      if (c !== '"' || !skipString()) return at;
      skipSpaces();
      if (text[at] !== ':') return at;
      at++;
      expecting = 'value';
    } else {
      const inside = open[open.length - 1];
      if (!inside) return at < text.length ? at : -1;
      if (c === ',') {
        at++;
        expecting = inside === '{' ? 'key' : 'value';
      } else if (c === (inside === '{' ? '}' : ']')) {
        at++;
        open.pop();
      } else return at;
    }
  }

  /** From an opening quote to after its closing one; false (`at` on the culprit) if the string is broken. */
  function skipString(): boolean {
    at++;
    while (at < text.length) {
      const c = text.charCodeAt(at);
      if (c === 0x22) {
        at++;
        return true;
      }
      if (c < 0x20) return false;
      if (c === 0x5c) {
        ESCAPE.lastIndex = at;
        const escape = ESCAPE.exec(text);
        if (!escape) return false;
        at += escape[0].length;
      } else at++;
    }
    return false;
  }
}

const SCALAR = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;
const ESCAPE = /\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/y;

/** « position 14 », with the line and column too when the body spans several lines. */
function whereIn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  if (!text.includes('\n')) return `position ${offset}`;
  return `position ${offset}, ligne ${line}, colonne ${offset - before.lastIndexOf('\n')}`;
}

/**
 * A JSON body parsed, or a 400 saying where it is broken. What Fastify's own parser (set to
 * `onProtoPoisoning: 'ignore'`) does: `JSON.parse` after a byte order mark is dropped, with
 * `__proto__` left as an ordinary key for the shape check to refuse by name.
 */
export function parseJsonBody(body: string): unknown {
  const text = body.charCodeAt(0) === 0xfeff ? body.slice(1) : body;
  if (text.trim() === '') {
    throw bodyRefusal('est vide, alors que son en-tête Content-Type annonce du JSON : envoyez un objet JSON, ou retirez l’en-tête');
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    const offset = jsonErrorOffset(text);
    const where = offset >= 0 ? ` (${whereIn(text, offset)})` : '';
    throw bodyRefusal(`n’est pas du JSON valide${where} : vérifiez la syntaxe à cet endroit (guillemets, virgules, accolades)`);
  }
}

function bodyRefusal(problem: string): UnissonError {
  return new UnissonError('BAD_REQUEST', `Le corps de la requête ${problem}.`, 400, [{ field: '(body)', message: problem }]);
}

/**
 * Fastify's JSON parser replaced by `parseJsonBody`, so that a malformed body is answered in
 * French with its position (Fastify's error, mapped by Nest, reaches the filter as an English
 * message without its code). Run after Nest's own parsers are registered (see `createApiApp`).
 */
export function parseJsonBodiesInFrench(fastify: FastifyInstance): void {
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, parseJsonBody(body as string));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
}
