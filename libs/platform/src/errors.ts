/**
 * One error type for every capability: a stable machine code, an HTTP status and a message a
 * person can act on. Mapped to HTTP in one place (`HttpErrorFilter`).
 */
export interface FieldProblem {
  field: string;
  message: string;
}

/** Every 404's message: it cannot tell "does not exist" from "not yours to see". */
export const NOT_FOUND_MESSAGE = 'Introuvable, ou hors de ce que votre organisation peut voir.';

/** Problems one error lists: a body with 20,000 wrong fields is answered in a few lines, not in 458 KB. */
export const MAX_LISTED_PROBLEMS = 20;

export class UnissonError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly statusCode: number = 400,
    readonly fields: FieldProblem[] = [],
  ) {
    super(message);
    this.name = 'UnissonError';
  }

  /**
   * A 400 naming the wrong fields: the first `MAX_LISTED_PROBLEMS`, and how many more there are.
   * A problem said twice (two checks of one value failing alike) is listed once, and a field with
   * two problems is named once in « vérifiez … ».
   */
  static validation(problems: FieldProblem[]): UnissonError {
    const fields = distinct(problems);
    const listed = fields.slice(0, MAX_LISTED_PROBLEMS);
    const more = fields.length > listed.length ? ` … et ${fields.length - listed.length} autres problèmes` : '';
    const names = [...new Set(listed.map((f) => f.field))].join(', ');
    return new UnissonError(
      'VALIDATION_FAILED',
      `Requête invalide : vérifiez ${names}${more}. ${listed.map((f) => `${f.field} : ${f.message}`).join(' ; ')}${more}`,
      400,
      listed,
    );
  }

  /**
   * The same answer whether the thing does not exist or the caller may not see it: a 404 never
   * tells a partner what another one holds.
   */
  static notFound(): UnissonError {
    return new UnissonError('NOT_FOUND', NOT_FOUND_MESSAGE, 404);
  }

  static conflict(code: string, message: string): UnissonError {
    return new UnissonError(code, message, 409);
  }

  /** 429 with a Retry-After (seconds) the filter puts in the response. */
  static tooManyRequests(code: string, message: string, retryAfterMs: number): UnissonError {
    const error = new UnissonError(code, message, 429);
    error.retryAfterSeconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
    return error;
  }

  /** Seconds the client should wait (429, 503). */
  retryAfterSeconds: number | null = null;
}

function distinct(problems: FieldProblem[]): FieldProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = JSON.stringify([p.field, p.message]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Sends a browser elsewhere (a page that needs a signed-in person redirects to the sign-in page). */
export class RedirectError extends Error {
  constructor(readonly location: string) {
    super(`redirect to ${location}`);
    this.name = 'RedirectError';
  }
}
