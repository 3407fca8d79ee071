import { Body, Controller, Get, Logger, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { FailedAttempts, FORGERY_POLICY, Public } from '@unisson/partners';
import { describeError, RedisRateLimiter, UnissonError } from '@unisson/platform';
import type { PageNotice } from '../domain/page-model';
import { PageTexts } from '../page-texts';
import { OpenedPage, ResponsePageService } from '../response-page.service';
import { PAGE_HEADERS } from './page-headers';
import { renderResponsePage, renderUnknownLinkPage } from './page-render';

/** Requests per second and per client address on the public page (bursts of 40 requests). */
const PAGE_REQUESTS_PER_SECOND = 1;
const PAGE_BURST_MS = 40_000;
const DONE = { rappel: 'done_callback', situation: 'done_situation', preferences: 'done_preferences' } as const;

/**
 * The household's response page, `/r/<token>`: public (the token is the key), HTML only (no
 * script), plain forms that post back and redirect (POST/redirect/GET). Rate-limited per client
 * address; a client that keeps trying unknown tokens is locked out like one forging signatures.
 */
@ApiExcludeController()
@Public()
@Controller('r')
export class ResponsePageController {
  private readonly logger = new Logger('ResponsePageController');
  private readonly texts = PageTexts.load();

  constructor(
    private readonly page: ResponsePageService,
    private readonly limiter: RedisRateLimiter,
    private readonly attempts: FailedAttempts,
  ) {}

  @Get(':token')
  async show(
    @Param('token') token: string,
    @Query() query: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.pace(request);
    const opened = await this.page.open(token, query.langue);
    if (opened.status !== 'valid') return this.unknown(request, reply);
    const done = typeof query.fait === 'string' && query.fait in DONE ? (query.fait as keyof typeof DONE) : null;
    const slot = opened.model.callbackSlots.find((s) => s.id === query.creneau)?.id ?? null;
    const notice: PageNotice | null =
      done === 'rappel' && slot
        ? { kind: 'done', text: 'done_callback', slot }
        : done && done !== 'rappel'
          ? { kind: 'done', text: DONE[done] }
          : null;
    this.send(reply, 200, token, opened, notice);
  }

  @Post(':token/:action')
  async act(
    @Param('token') token: string,
    @Param('action') action: string,
    @Body() body: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.pace(request);
    if (crossSite(request)) {
      void reply
        .status(403)
        .header('content-type', 'text/plain; charset=utf-8')
        .send('Formulaire refusé : il doit être envoyé depuis cette page.');
      return;
    }
    const form = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
    const result = await this.page.act(token, action, form);
    if (result.status === 'unknown') return this.unknown(request, reply);
    if (result.status === 'problem') {
      // The field at fault, for scripts and tests (the page says it in words).
      void reply.header('x-invalid-field', result.notice.kind === 'problem' ? result.notice.field : '');
      return this.send(reply, result.httpStatus, token, result.page, result.notice);
    }
    const params = new URLSearchParams({ langue: result.displayLocale, fait: action });
    if (result.action.type === 'callback') params.set('creneau', result.action.slot);
    void reply
      .status(303)
      .header('location', `/r/${encodeURIComponent(token)}?${params.toString()}#contenu`)
      .header('cache-control', 'no-store')
      .send();
  }

  private send(
    reply: FastifyReply,
    status: number,
    token: string,
    opened: Extract<OpenedPage, { status: 'valid' }>,
    notice: PageNotice | null,
  ): void {
    const html = renderResponsePage(opened.model, this.texts.for(opened.locale), {
      locale: opened.locale,
      path: `/r/${encodeURIComponent(token)}`,
      csrf: opened.csrf,
      notice,
    });
    void securityHeaders(reply).status(status).header('content-type', 'text/html; charset=utf-8').send(html);
  }

  private async unknown(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    // Unknown and expired tokens answer the same page; guessing many is locked out (429).
    try {
      await this.attempts.recordFailure('response-page-token', request.ip, FORGERY_POLICY);
    } catch (error) {
      if (!(error instanceof UnissonError)) throw error;
      void reply.header('retry-after', String(error.retryAfterSeconds ?? 60));
      void securityHeaders(reply)
        .status(429)
        .header('content-type', 'text/html; charset=utf-8')
        .send(renderUnknownLinkPage(this.texts.for('fr')));
      return;
    }
    void securityHeaders(reply)
      .status(404)
      .header('content-type', 'text/html; charset=utf-8')
      .send(renderUnknownLinkPage(this.texts.for('fr')));
  }

  /** The per-address pace of the public page, and the lockout of token guessers. Redis away: the page still answers. */
  private async pace(request: FastifyRequest): Promise<void> {
    await this.attempts.refuseIfLocked('response-page-token', request.ip, FORGERY_POLICY);
    let pace: { granted: boolean; waitMs: number };
    try {
      pace = await this.limiter.reserve(`response-page:${request.ip}`, { perSecond: PAGE_REQUESTS_PER_SECOND, burstMs: PAGE_BURST_MS });
    } catch (error) {
      this.logger.warn({ err: describeError(error) }, 'response page pace not checked (Redis)');
      return;
    }
    if (!pace.granted)
      throw UnissonError.tooManyRequests('RATE_LIMITED', 'Trop de demandes depuis cette adresse : réessayez dans un instant.', pace.waitMs);
  }
}

/**
 * A form posted from another site is refused: modern browsers say where a request comes from in
 * Sec-Fetch-Site; older ones send Origin (which is "null" here, the page sending no referrer).
 */
function crossSite(request: FastifyRequest): boolean {
  const site = request.headers['sec-fetch-site'];
  if (typeof site === 'string') return site !== 'same-origin' && site !== 'none';
  const origin = request.headers.origin;
  if (!origin || origin === 'null') return false;
  try {
    return new URL(origin).host !== request.headers.host;
  } catch {
    return true;
  }
}

function securityHeaders(reply: FastifyReply): FastifyReply {
  return reply.headers(PAGE_HEADERS);
}
