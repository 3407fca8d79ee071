/**
 * How a route's expected answers are declared, and how one answer is worked out from a declaration.
 * The table itself is `route-expectations.ts`.
 */
import type { ResourceKind, Side } from './resources';
import type { Who } from './principals';

export interface RouteExpectation {
  /** No identity needed: every caller (nobody included) gets `ok`. */
  public?: true;
  /** An HTML page: nobody, and API keys, are sent to the sign-in page (303) instead of a 401/403. */
  page?: true;
  /** Who passes the route-level check (scope, role, organisation kind). Everybody else: 403; nobody: 401. */
  allowed?: readonly Who[];
  /** The answer of an allowed caller on its own resource (several: the state of the resource decides). */
  ok: number | readonly number[];
  /** The route acts on a resource named in its path (`param`, default `id`): own and another partner's are both tried. */
  resource?: ResourceKind;
  param?: string;
  /** Fixed values of the path's other parameters. */
  params?: Record<string, string>;
  /** Allowed callers who may see another partner's resource too (everybody else allowed: 404, as for an unknown one). */
  seesOthers?: readonly Who[];
  /** Answers that differ from the rules above, by caller (and, when given as an object, by side). */
  except?: Partial<Record<Who, number | readonly number[] | Partial<Record<Side, number>>>>;
  /** The request body (JSON, or a form for pages: `form`): one for all, or a function of the caller and the path called (the resource in it). */
  body?: Record<string, unknown> | ((who: Who, path: string) => Record<string, unknown>);
  form?: true;
  /** Query string (without `?`). */
  query?: string;
  /** Run after every other route (signing out ends the callers' sessions). */
  last?: true;
  /** Why the answers are what they are, when it is not obvious. */
  note?: string;
}

/** The answer `who` must get on `side`'s resource. */
export function expectedAnswer(expectation: RouteExpectation, who: Who, side: Side): number | readonly number[] {
  const special = expectation.except?.[who];
  if (typeof special === 'number' || Array.isArray(special)) return special as number | readonly number[];
  const bySide = special as Partial<Record<Side, number>> | undefined;
  if (bySide && bySide[side] !== undefined) return bySide[side]!;
  if (expectation.public) return expectation.ok;
  if (who === 'anonyme') return expectation.page ? 303 : 401;
  // A page is for people: an API key is sent to the sign-in page.
  if (expectation.page && who.startsWith('cle:')) return 303;
  if (!(expectation.allowed ?? []).includes(who)) return 403;
  if (side === 'other' && !(expectation.seesOthers ?? []).includes(who)) return 404;
  return expectation.ok;
}

export function matches(expected: number | readonly number[], status: number): boolean {
  return typeof expected === 'number' ? status === expected : expected.includes(status);
}

/** `GET /queues/*` declares every route under the prefix; otherwise the route exactly as the server has it. */
export function expectationFor<T>(table: Record<string, T>, method: string, url: string): { key: string; expectation: T } | null {
  const exact = `${method} ${url}`;
  if (table[exact]) return { key: exact, expectation: table[exact] };
  const family = Object.keys(table)
    .filter((k) => k.endsWith('*') && exact.startsWith(k.slice(0, -1)))
    .sort((x, y) => y.length - x.length)[0];
  return family ? { key: family, expectation: table[family] } : null;
}

/** What to add for a route that has no expected answer: said in the failure message. */
export function templateFor(method: string, url: string): string {
  const hasId = /:[A-Za-z]+/.test(url);
  return `  '${method} ${url}': { allowed: [/* qui passe : 'cle:bailleur_social', 'agent:caf', 'admin'… */], ok: ${method === 'POST' ? 201 : 200}${
    hasId ? ", resource: '/* household | campaign | … */', seesOthers: []" : ''
  } },`;
}
