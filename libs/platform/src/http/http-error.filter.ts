import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Inject, Logger, Optional } from '@nestjs/common';
import { errorCodes, type FastifyReply, type FastifyRequest } from 'fastify';
import { NOT_FOUND_MESSAGE, RedirectError, UnissonError } from '../errors';
import { describeSafely, SafeErrorDescription } from '../logging/safe-errors';

export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  correlationId: string;
  errors?: { field: string; message: string }[];
}

/**
 * Pages a person reads in a browser without signing in (the household's response page) answer a
 * refusal with a page of their own, not the API's JSON: whatever refused the request (a parameter,
 * a body with a NUL character, a body too large, a pace exceeded). Provided under `HTML_ERROR_PAGE`.
 */
export interface HtmlErrorPage {
  /** Whether this request is one of the page's. */
  handles(request: FastifyRequest): boolean;
  /** The page answering this refusal (4xx), sent as is. */
  render(refusal: ErrorBody, request: FastifyRequest): Promise<{ statusCode: number; html: string; headers: Record<string, string> }>;
}
export const HTML_ERROR_PAGE = Symbol('HtmlErrorPage');

/** The one place where errors become HTTP responses: never a stack trace, never SQL. */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrorFilter');

  constructor(@Optional() @Inject(HTML_ERROR_PAGE) private readonly page?: HtmlErrorPage) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    if (exception instanceof RedirectError) {
      void reply.status(303).header('location', exception.location).header('cache-control', 'no-store').send();
      return;
    }
    const body = this.toBody(exception, request);
    if (body.statusCode >= 500) {
      this.logger.error({ err: describe(exception), correlationId: body.correlationId }, 'request failed');
    }
    if (exception instanceof UnissonError && exception.retryAfterSeconds !== null) {
      void reply.header('retry-after', String(exception.retryAfterSeconds));
    }
    if (this.page && body.statusCode < 500 && this.page.handles(request)) {
      void this.answerWithPage(this.page, body, request, reply);
      return;
    }
    this.sendJson(reply, body);
  }

  private async answerWithPage(page: HtmlErrorPage, body: ErrorBody, request: FastifyRequest, reply: FastifyReply): Promise<void> {
    try {
      const answer = await page.render(body, request);
      void reply.status(answer.statusCode).header('x-correlation-id', body.correlationId).headers(answer.headers).send(answer.html);
    } catch (error) {
      this.logger.error({ err: describe(error), correlationId: body.correlationId }, 'error page not rendered');
      if (!reply.sent) this.sendJson(reply, body);
    }
  }

  private sendJson(reply: FastifyReply, body: ErrorBody): void {
    void reply
      .status(body.statusCode)
      .header('x-correlation-id', body.correlationId)
      .header('content-type', 'application/json; charset=utf-8')
      .send(JSON.stringify(body));
  }

  private toBody(exception: unknown, request: FastifyRequest): ErrorBody {
    const correlationId = String(request.id ?? '');
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
      // Fastify's own refusals (body too large, type of content) reach here mapped by Nest: its English message, without its code.
      const fastifyCode = FASTIFY_CODE_BY_MESSAGE.get(message);
      return {
        statusCode: status,
        code: codeForStatus(status),
        message: fastifyCode ? frenchFastifyMessage(fastifyCode, request) : (frenchNestMessage(status, message, request) ?? message),
        correlationId,
      };
    }
    const fastifyStatus = (exception as { statusCode?: number }).statusCode;
    if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
      // Fastify's own 4xx (malformed JSON, body too large, wrong content type).
      return {
        statusCode: fastifyStatus,
        code: codeForStatus(fastifyStatus),
        message: frenchFastifyMessage((exception as { code?: unknown }).code, request),
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

/** Fastify's refusals of a request's body, by their stable codes; their messages, as Nest passes them on, point back to the code. */
const FASTIFY_BODY_ERRORS = [
  'FST_ERR_CTP_BODY_TOO_LARGE',
  'FST_ERR_CTP_INVALID_MEDIA_TYPE',
  'FST_ERR_CTP_INVALID_CONTENT_LENGTH',
  'FST_ERR_CTP_EMPTY_JSON_BODY',
  'FST_ERR_CTP_INVALID_JSON_BODY',
] as const;
type FastifyBodyError = (typeof FASTIFY_BODY_ERRORS)[number];
const FASTIFY_CODE_BY_MESSAGE = new Map<string, FastifyBodyError>(
  FASTIFY_BODY_ERRORS.map((code) => [new errorCodes[code]().message, code]),
);

/** Fastify's refusal of a body, in French, saying what to send instead (the limit is the route's own, as Fastify applies it). */
export function frenchFastifyMessage(code: unknown, request: Pick<FastifyRequest, 'headers' | 'routeOptions'>): string {
  switch (code as FastifyBodyError) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return `Corps trop volumineux : ${bytesInFrench(request.routeOptions.bodyLimit)} au plus. Envoyez moins de données par requête (des textes plus courts, moins d’éléments).`;
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE': {
      const sent = String(request.headers['content-type'] ?? '').slice(0, 100);
      return `Type de contenu non pris en charge${sent ? ` (${sent})` : ''} : envoyez Content-Type: application/json.`;
    }
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return 'La longueur annoncée (Content-Length) ne correspond pas au corps reçu : renvoyez la requête sans fixer Content-Length à la main.';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'Le corps de la requête est vide, alors que son en-tête Content-Type annonce du JSON : envoyez un objet JSON, ou retirez l’en-tête.';
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return 'Le corps de la requête n’est pas du JSON valide : vérifiez la syntaxe (guillemets, virgules, accolades).';
    default:
      return 'La requête est mal formée : envoyez un corps JSON avec l’en-tête Content-Type: application/json.';
  }
}

/**
 * Nest's own answers (an unknown route, its default exception texts), in French; null for a
 * message of ours. An unknown route names what was asked, path without its query string.
 */
export function frenchNestMessage(status: number, message: string, request: Pick<FastifyRequest, 'method' | 'url'>): string | null {
  if (status === 404 && /^Cannot [A-Z]+ /.test(message)) {
    const path = request.url.split('?')[0].slice(0, 200);
    return `Cette adresse n’existe pas : ${request.method} ${path}. Vérifiez le chemin et la méthode ; toutes les routes sont décrites sur /docs.`;
  }
  return NEST_DEFAULT_MESSAGES[message] ?? null;
}

/** The texts Nest's built-in exceptions carry when thrown without a message of their own. */
const NEST_DEFAULT_MESSAGES: Record<string, string> = {
  'Bad Request': 'Requête invalide : vérifiez le corps et les paramètres envoyés.',
  Unauthorized: 'Authentification requise : envoyez l’en-tête Authorization: Bearer uk_… ou connectez-vous.',
  'Forbidden resource': 'Accès refusé : votre clé ou votre compte n’a pas le droit de faire cela.',
  Forbidden: 'Accès refusé : votre clé ou votre compte n’a pas le droit de faire cela.',
  'Not Found': NOT_FOUND_MESSAGE,
  'Method Not Allowed': 'Méthode non prise en charge à cette adresse : voyez /docs pour les méthodes possibles.',
  'Not Acceptable': 'Format de réponse non disponible : demandez application/json.',
  'Payload Too Large': 'Corps trop volumineux : envoyez moins de données par requête.',
  'Unsupported Media Type': 'Type de contenu non pris en charge : envoyez Content-Type: application/json.',
  'Too Many Requests': 'Trop de requêtes : attendez un peu avant de réessayer.',
};

/** 262144 → « 256 Ko », 1048576 → « 1 Mo » (the binary kilo-octet every browser and client shows). */
function bytesInFrench(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${(bytes / (1024 * 1024)).toLocaleString('fr-FR')} Mo`;
  if (bytes >= 1024) return `${Math.floor(bytes / 1024).toLocaleString('fr-FR')} Ko`;
  return `${bytes} octets`;
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
