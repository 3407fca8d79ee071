import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RedirectError, UnissonError } from '../errors';
import { describeSafely, SafeErrorDescription } from '../logging/safe-errors';

interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  correlationId: string;
  errors?: { field: string; message: string }[];
}

/** The one place where errors become HTTP responses: never a stack trace, never SQL. */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    if (exception instanceof RedirectError) {
      void reply.status(303).header('location', exception.location).header('cache-control', 'no-store').send();
      return;
    }
    const body = this.toBody(exception, String(request.id ?? ''));
    if (body.statusCode >= 500) {
      this.logger.error({ err: describe(exception), correlationId: body.correlationId }, 'request failed');
    }
    if (exception instanceof UnissonError && exception.retryAfterSeconds !== null) {
      void reply.header('retry-after', String(exception.retryAfterSeconds));
    }
    void reply
      .status(body.statusCode)
      .header('x-correlation-id', body.correlationId)
      .header('content-type', 'application/json; charset=utf-8')
      .send(JSON.stringify(body));
  }

  private toBody(exception: unknown, correlationId: string): ErrorBody {
    if (exception instanceof UnissonError) {
      return {
        statusCode: exception.statusCode,
        code: exception.code,
        message: exception.message,
        correlationId,
        ...(exception.fields.length ? { errors: exception.fields } : {}),
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const message = typeof response === 'string' ? response : String((response as { message?: unknown }).message ?? exception.message);
      return { statusCode: status, code: codeForStatus(status), message, correlationId };
    }
    const fastifyStatus = (exception as { statusCode?: number }).statusCode;
    if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
      // Fastify's own 4xx (malformed JSON, body too large, wrong content type).
      return {
        statusCode: fastifyStatus,
        code: codeForStatus(fastifyStatus),
        message: `${frenchFastifyMessage(exception as Error & { code?: string })} Envoyez un corps JSON avec l’en-tête Content-Type: application/json.`,
        correlationId,
      };
    }
    return {
      statusCode: 500,
      code: 'INTERNAL_ERROR',
      message: `Une erreur s’est produite de notre côté. Réessayez plus tard ; si elle persiste, écrivez au support en donnant l’identifiant ${correlationId}.`,
      correlationId,
    };
  }
}

/** Fastify's own refusals of a body, in French (its messages are English), by their stable codes. */
const FASTIFY_BODY_ERRORS: Record<string, string> = {
  FST_ERR_CTP_EMPTY_JSON_BODY: 'Le corps de la requête est vide, alors que son Content-Type annonce du JSON.',
  FST_ERR_CTP_INVALID_JSON_BODY: 'Le corps de la requête n’est pas du JSON valide.',
  FST_ERR_CTP_BODY_TOO_LARGE: 'Le corps de la requête dépasse la taille acceptée.',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'Ce type de contenu (Content-Type) n’est pas accepté ici.',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'La longueur annoncée (Content-Length) ne correspond pas au corps reçu.',
  FST_ERR_CTP_INVALID_TYPE: 'Le Content-Type de la requête est mal écrit.',
};

function frenchFastifyMessage(error: Error & { code?: string }): string {
  if (error.code && FASTIFY_BODY_ERRORS[error.code]) return FASTIFY_BODY_ERRORS[error.code]!;
  if (error instanceof SyntaxError) return FASTIFY_BODY_ERRORS.FST_ERR_CTP_INVALID_JSON_BODY!;
  return 'La requête est mal formée.';
}

function codeForStatus(status: number): string {
  const known: Record<number, string> = {
    400: 'BAD_REQUEST',
    401: 'UNAUTHENTICATED',
    403: 'FORBIDDEN',
    404: 'NOT_FOUND',
    409: 'CONFLICT',
    413: 'PAYLOAD_TOO_LARGE',
    415: 'UNSUPPORTED_MEDIA_TYPE',
    422: 'UNPROCESSABLE',
    429: 'TOO_MANY_REQUESTS',
  };
  return known[status] ?? (status >= 500 ? 'INTERNAL_ERROR' : 'BAD_REQUEST');
}

/** Error description for logs: a database error by code and query name, other messages with personal data masked. */
export function describe(error: unknown): SafeErrorDescription {
  return describeSafely(error);
}
