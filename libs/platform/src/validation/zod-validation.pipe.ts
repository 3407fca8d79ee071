import { ArgumentMetadata, PipeTransform } from '@nestjs/common';
import { z, ZodType } from 'zod';
import { FieldProblem, UnissonError } from '../errors';
import { jsonShapeProblem } from './json-shape';

/** Keys named in one "unrecognized keys" problem: a body of 20,000 unknown keys is answered in a few lines. */
const LISTED_KEYS = 20;

/** Turns zod issues into field problems named the way the client wrote them (`contacts.phone`). */
export function fieldProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => ({
    field: issue.path.length ? issue.path.join('.') : '(body)',
    message: issue.code === 'unrecognized_keys' ? unrecognizedKeysMessage(issue.keys) : issue.message,
  }));
}

function unrecognizedKeysMessage(keys: readonly string[]): string {
  const listed = keys
    .slice(0, LISTED_KEYS)
    .map((key) => JSON.stringify(key.length > 60 ? `${key.slice(0, 60)}…` : key))
    .join(', ');
  return `Clés non reconnues : ${listed}${keys.length > LISTED_KEYS ? ` … et ${keys.length - LISTED_KEYS} autres` : ''}`;
}

/** A lone UTF-16 surrogate: not a character; PostgreSQL and every other system downstream refuse it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** NUL and the other C0 control characters but tab, line feed and carriage return. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
/**
 * Unicode's bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): one
 * of them in a name or an address makes it read otherwise than it is written (« Trojan source »),
 * in a letter as on a dashboard, and an unpaired isolate would close the ones the templates put
 * around each fact of an Arabic message. The marks U+200E, U+200F and U+061C stay allowed: they
 * turn nothing round, and right-to-left text typed on a phone or a computer holds them.
 */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;

/** Problems listed for one value: enough to show what is wrong, not a list as long as the body. */
const MAX_TEXT_PROBLEMS = 20;

/**
 * A person's own text (an SMS reply as the phone sent it) with what `unsafeTextProblems` refuses
 * read as spaces: a form feed, a stray control character, an override of the direction of text
 * or half an emoji in a reply must not lose the reply (Twilio does not send a refused one again), nor reach the database.
 */
export function withUnsafeTextAsSpaces(text: string): string {
  return text.replace(new RegExp(`${CONTROL.source}|${BIDI_CONTROL.source}|${LONE_SURROGATE.source}`, 'g'), ' ');
}

/**
 * Strings no field may hold, whatever its schema says: NUL and other control characters, the
 * controls of the direction of text, lone surrogates. Checked on the raw input (keys included) before anything else, so they never reach
 * the database, where they would fail a whole group of requests. Walked with a stack of its own,
 * not by recursion: however deep the value, the call stack does not overflow.
 */
export function unsafeTextProblems(value: unknown, path: string[] = []): FieldProblem[] {
  const found: FieldProblem[] = [];
  // Each value knows its parent, not its whole path: a path is written only for a problem (no copy per level).
  const pending: Walked[] = [{ node: value, key: null, parent: null }];
  while (pending.length && found.length < MAX_TEXT_PROBLEMS) {
    const walked = pending.pop()!;
    const { node } = walked;
    const field = () => [...path, ...keysOf(walked)].join('.') || '(body)';
    if (typeof node === 'string') {
      if (CONTROL.test(node)) found.push({ field: field(), message: 'ne doit pas contenir de caractère de contrôle (comme NUL, \\u0000)' });
      else if (BIDI_CONTROL.test(node))
        found.push({
          field: field(),
          message: 'ne doit pas contenir de caractère de contrôle du sens de lecture (comme \\u202E, qui fait lire le texte à l’envers)',
        });
      else if (LONE_SURROGATE.test(node))
        found.push({ field: field(), message: 'doit être un texte Unicode valide (il contient une demi-paire de substitution)' });
    } else if (node !== null && typeof node === 'object') {
      const children: Walked[] = [];
      for (const [key, item] of Array.isArray(node) ? node.entries() : Object.entries(node)) {
        const name = String(key);
        if (CONTROL.test(name) || BIDI_CONTROL.test(name) || LONE_SURROGATE.test(name))
          found.push({ field: field(), message: 'contient une clé avec un caractère de contrôle ou une demi-paire de substitution' });
        else children.push({ node: item, key: name, parent: walked });
      }
      // Last pushed, first walked: the fields are reported in the order of the body.
      for (let i = children.length - 1; i >= 0; i--) pending.push(children[i]!);
    }
  }
  return found.slice(0, MAX_TEXT_PROBLEMS);
}

interface Walked {
  node: unknown;
  key: string | null;
  parent: Walked | null;
}

function keysOf(walked: Walked): string[] {
  const keys: string[] = [];
  for (let at: Walked | null = walked; at?.key != null; at = at.parent) keys.push(at.key);
  return keys.reverse();
}

/** Parses with a zod schema or throws a 400 that names every wrong field (a value too deep for the schema's walk is refused first). */
export function parseOrThrow<S extends ZodType>(schema: S, value: unknown): z.output<S> {
  const shape = jsonShapeProblem(value);
  if (shape) throw UnissonError.validation([shape]);
  const unsafe = unsafeTextProblems(value);
  if (unsafe.length) throw UnissonError.validation(unsafe);
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw UnissonError.validation(fieldProblems(parsed.error).map((p) => explainedTextBody(p, value)));
  return parsed.data;
}

/**
 * A whole body that is a string where the schema wants something else was sent as text (Fastify
 * reads `text/plain` as a string): the fix is the header, and the problem says so.
 */
function explainedTextBody(problem: FieldProblem, value: unknown): FieldProblem {
  if (typeof value !== 'string' || problem.field !== '(body)') return problem;
  return {
    field: problem.field,
    message: 'doit être un objet JSON, or il a été lu comme du texte : envoyez-le avec l’en-tête Content-Type: application/json',
  };
}

/** `@Body(new ZodValidationPipe(schema))`: one validation library end to end. */
export class ZodValidationPipe<S extends ZodType> implements PipeTransform<unknown, z.output<S>> {
  constructor(private readonly schema: S) {}

  transform(value: unknown): z.output<S> {
    return parseOrThrow(this.schema, value);
  }
}

/**
 * Global pipe: no path parameter, query value or body of any route may carry NUL, control
 * characters or lone surrogates (a 400 naming the parameter, before any handler or query runs).
 */
export class SafeTextPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    // JSON `null` as a whole body: no route takes it, and a form handler would read fields of null.
    if (metadata.type === 'body' && value === null)
      throw UnissonError.validation([{ field: '(body)', message: 'doit être un objet JSON, pas null' }]);
    const prefix = metadata.type === 'body' ? [] : [metadata.data ?? metadata.type];
    const problems = unsafeTextProblems(
      value,
      prefix.filter((p): p is string => typeof p === 'string'),
    );
    if (problems.length) throw UnissonError.validation(problems);
    return value;
  }
}
