import { ArgumentMetadata, PipeTransform } from '@nestjs/common';
import { z, ZodType } from 'zod';
import { FieldProblem, UnissonError } from '../errors';

/** Turns zod issues into field problems named the way the client wrote them (`contacts.phone`). */
export function fieldProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => ({
    field: issue.path.length ? issue.path.join('.') : '(body)',
    message: issue.message,
  }));
}

/** A lone UTF-16 surrogate: not a character; PostgreSQL and every other system downstream refuse it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** NUL and the other C0 control characters but tab, line feed and carriage return. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/**
 * Strings no field may hold, whatever its schema says: NUL and other control characters, lone
 * surrogates. Checked on the raw input (keys included) before anything else, so they never reach
 * the database, where they would fail a whole group of requests.
 */
export function unsafeTextProblems(value: unknown, path: string[] = [], found: FieldProblem[] = []): FieldProblem[] {
  if (found.length >= 20) return found;
  const field = () => (path.length ? path.join('.') : '(body)');
  if (typeof value === 'string') {
    if (CONTROL.test(value)) found.push({ field: field(), message: 'must not contain control characters (such as NUL, \\u0000)' });
    else if (LONE_SURROGATE.test(value)) found.push({ field: field(), message: 'must be valid Unicode text (it holds a lone surrogate)' });
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => unsafeTextProblems(item, [...path, String(i)], found));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (CONTROL.test(key) || LONE_SURROGATE.test(key))
        found.push({ field: field(), message: 'has a key with control characters or a lone surrogate' });
      else unsafeTextProblems(item, [...path, key], found);
    }
  }
  return found;
}

/** Parses with a zod schema or throws a 400 that names every wrong field. */
export function parseOrThrow<S extends ZodType>(schema: S, value: unknown): z.output<S> {
  const unsafe = unsafeTextProblems(value);
  if (unsafe.length) throw UnissonError.validation(unsafe);
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw UnissonError.validation(fieldProblems(parsed.error));
  return parsed.data;
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
      throw UnissonError.validation([{ field: '(body)', message: 'must be a JSON object, not null' }]);
    const prefix = metadata.type === 'body' ? [] : [metadata.data ?? metadata.type];
    const problems = unsafeTextProblems(
      value,
      prefix.filter((p): p is string => typeof p === 'string'),
    );
    if (problems.length) throw UnissonError.validation(problems);
    return value;
  }
}
