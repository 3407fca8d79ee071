import { CallHandler, ExecutionContext, HttpException, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Principal } from '@unisson/access';
import { unsafeTextProblems } from '@unisson/platform';
import { from, Observable, throwError } from 'rxjs';
import { catchError, mergeMap } from 'rxjs/operators';
import { AuditTrail } from '../audit-trail';
import { householdIdOrNull, outcomeOfStatus } from '../domain/audit-record';
import { AUDITED, AuditedOptions, AuditedValue } from './audited.decorator';

interface AuditedRequest {
  id?: unknown;
  actor?: Principal;
  params?: Record<string, string>;
  body?: unknown;
}

const dig = (path: string, from: unknown): unknown =>
  path
    .split('.')
    .reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), from);

function pick(where: AuditedValue, request: AuditedRequest, response: unknown): unknown {
  if (typeof where === 'function') return where(request, response);
  if (where.startsWith('response.')) return dig(where.slice('response.'.length), response);
  if (where.startsWith('body.')) return dig(where.slice('body.'.length), request.body);
  return request.params?.[where];
}

/** A subject id as the entry can hold it: text PostgreSQL accepts (a NUL or lone surrogate would fail the insert, and the request with it). */
function storableSubjectId(value: unknown): string {
  if (value === undefined || value === null) return '(inconnu)';
  const text = String(value).slice(0, 200);
  return unsafeTextProblems(text).length ? '(illisible)' : text;
}

/** Global interceptor: routes marked `@Audited` write their entry, whatever the outcome. */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly trail: AuditTrail,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const options = this.reflector.get<AuditedOptions | undefined>(AUDITED, context.getHandler());
    if (!options) return next.handle();
    const request = context.switchToHttp().getRequest<AuditedRequest>();
    const write = (outcome: Parameters<AuditTrail['record']>[0]['outcome'], body: unknown) =>
      this.trail.record({
        actor: request.actor ?? null,
        action: options.action,
        subjectType: options.subjectType,
        subjectId: storableSubjectId(pick(options.subjectId, request, body)),
        householdId: options.householdId ? householdIdOrNull(pick(options.householdId, request, body)) : null,
        outcome,
        fields: options.fields,
        correlationId: typeof request.id === 'string' ? request.id : null,
      });
    return next.handle().pipe(
      mergeMap((body) => from(write('success', body).then(() => body))),
      catchError((error: unknown) => {
        const status = error instanceof HttpException ? error.getStatus() : ((error as { statusCode?: number }).statusCode ?? 500);
        return from(write(outcomeOfStatus(status), undefined)).pipe(mergeMap(() => throwError(() => error)));
      }),
    );
  }
}
