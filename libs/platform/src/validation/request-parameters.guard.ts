import { CanActivate, ExecutionContext, Injectable, ParseUUIDPipe, PipeTransform, Type } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { FieldProblem, UnissonError } from '../errors';
import { unsafeTextProblems } from './zod-validation.pipe';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** By convention a path parameter named `id` or `…Id` holds a UUID (every table's key). */
export const isIdentifierName = (name: string): boolean => name === 'id' || /^[a-z][A-Za-z0-9]*Id$/.test(name);

interface RouteArgument {
  index: number;
  data?: unknown;
  pipes?: (PipeTransform | Type<PipeTransform>)[];
}

const isUuidPipe = (pipe: PipeTransform | Type<PipeTransform>) => pipe instanceof ParseUUIDPipe || pipe === ParseUUIDPipe;

/** Path parameters the handler reads through a `ParseUUIDPipe`. */
export function declaredUuidParameters(controller: Type<unknown>, handler: string | symbol): string[] {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, handler) ?? {}) as Record<string, RouteArgument>;
  return Object.entries(args)
    .filter(
      ([key, arg]) => key.startsWith(`${RouteParamtypes.PARAM}:`) && typeof arg.data === 'string' && (arg.pipes ?? []).some(isUuidPipe),
    )
    .map(([, arg]) => arg.data as string);
}

/**
 * What is wrong with a request's path parameters and query string, each named as the client
 * wrote it (`id`, `query.limit`): NUL and other control characters or lone surrogates anywhere,
 * and identifiers that are not UUIDs.
 */
export function requestParameterProblems(
  params: Record<string, unknown> | undefined,
  query: unknown,
  uuidParameters: Iterable<string>,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const uuids = new Set(uuidParameters);
  for (const [name, value] of Object.entries(params ?? {})) {
    const unsafe = unsafeTextProblems(value, [name]);
    if (unsafe.length) problems.push(...unsafe);
    else if ((uuids.has(name) || isIdentifierName(name)) && !(typeof value === 'string' && UUID.test(value)))
      problems.push({ field: name, message: 'doit être un UUID (identifiant de la forme 3f2b1c9e-…)' });
  }
  if (query && typeof query === 'object') problems.push(...unsafeTextProblems(query, ['query']));
  return problems;
}

/**
 * Global guard, first of all: a route's path parameters and query values are checked before any
 * other guard, interceptor (the audit trail) or handler sees them, whoever added the route. A 400
 * names the parameter; nothing is written.
 */
@Injectable()
export class RequestParametersGuard implements CanActivate {
  private readonly uuidParametersOf = new WeakMap<object, string[]>();

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<{ params?: Record<string, unknown>; query?: unknown }>();
    const handler = context.getHandler();
    let uuids = this.uuidParametersOf.get(handler);
    if (!uuids) {
      uuids = declaredUuidParameters(context.getClass(), handler.name);
      this.uuidParametersOf.set(handler, uuids);
    }
    const problems = requestParameterProblems(request.params, request.query, uuids);
    if (problems.length) throw UnissonError.validation(problems);
    return true;
  }
}
