import { PipeTransform } from '@nestjs/common';
import { z, ZodType } from 'zod';
import { FieldProblem, UnissonError } from '../errors';

/** Turns zod issues into field problems named the way the client wrote them (`contacts.phone`). */
export function fieldProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => ({
    field: issue.path.length ? issue.path.join('.') : '(body)',
    message: issue.message,
  }));
}

/** Parses with a zod schema or throws a 400 that names every wrong field. */
export function parseOrThrow<S extends ZodType>(schema: S, value: unknown): z.output<S> {
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
