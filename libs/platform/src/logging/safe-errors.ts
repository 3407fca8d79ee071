/**
 * What of an error may reach a log line. A database error is described by its query's name and
 * its SQLSTATE code only: PostgreSQL's messages quote values ("invalid input syntax… "0000-01-01"")
 * and TypeORM's carry the SQL and its parameters. Other messages are kept, with anything that
 * looks like an e-mail, a phone number or a date masked.
 */
export interface SafeErrorDescription {
  type: string;
  code?: string;
  query?: string;
  message?: string;
}

const EMAIL = /[^\s@"'<>(),;:]+@[^\s@"'<>(),;:]+\.[a-z]{2,}/gi;
const PHONE = /\+?\d[\d .-]{5,}\d/g;
const DATE = /\b\d{4}-\d{2}-\d{2}\b/g;

/** Masks what could be personal data in a free-text message. */
export function redactPersonalData(text: string): string {
  return text.replace(EMAIL, '[courriel masqué]').replace(DATE, '[date masquée]').replace(PHONE, '[numéro masqué]');
}

/** A short, value-free name for a SQL statement: its verb and first table ("INSERT partner_submission"). */
export function queryName(sql: string): string {
  const text = sql
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/--[^\n]*/g, ' ')
    .trim();
  const verb = (/^\w+/.exec(text)?.[0] ?? 'SQL').toUpperCase();
  const table = /\b(?:FROM|INTO|UPDATE|JOIN)\s+"?(?:\w+"?\.)?"?(\w+)"?/i.exec(text)?.[1];
  return table ? `${verb} ${table}` : verb;
}

interface DatabaseErrorLike {
  name?: string;
  code?: unknown;
  query?: unknown;
  driverError?: { code?: unknown };
  severity?: unknown;
}

export function isDatabaseError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as DatabaseErrorLike;
  return (
    e.name === 'QueryFailedError' ||
    e.name === 'DatabaseError' ||
    (typeof e.severity === 'string' && typeof e.code === 'string') ||
    typeof e.driverError === 'object'
  );
}

/** PostgreSQL unreachable or restarting, a connection dropped: worth retrying, not a bad row. */
export function isConnectionError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as DatabaseErrorLike & { message?: unknown };
  const code = String(e.code ?? e.driverError?.code ?? '');
  if (/^(08|57P)/.test(code) || /^E(CONN|PIPE|TIMEDOUT|HOSTUNREACH|NOTFOUND|AI_AGAIN)/.test(code)) return true;
  return (
    typeof e.message === 'string' &&
    /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(e.message)
  );
}

export function describeSafely(error: unknown): SafeErrorDescription {
  if (isDatabaseError(error)) {
    const e = error as DatabaseErrorLike;
    const code = String(e.code ?? e.driverError?.code ?? 'unknown');
    return { type: 'DatabaseError', code, ...(typeof e.query === 'string' ? { query: queryName(e.query) } : {}) };
  }
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return {
      type: error.name,
      ...(typeof code === 'string' || typeof code === 'number' ? { code: String(code) } : {}),
      message: redactPersonalData(error.message.slice(0, 300)),
    };
  }
  return { type: typeof error, message: 'non-error thrown' };
}
