import { Injectable, Logger } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { describeError, ErrorBody, HtmlErrorPage, unsafeTextProblems } from '@unisson/platform';
import type { PageNotice } from '../domain/page-model';
import { PageTexts } from '../page-texts';
import { OpenedPage, problemTextOf, ResponsePageService } from '../response-page.service';
import { PAGE_HEADERS } from './page-headers';
import { renderResponsePage, renderUnknownLinkPage } from './page-render';

/** `/r/<token>` and `/r/<token>/<form>`: the household's page and its forms. */
const PAGE_PATH = /^\/r\/([^/]+)(?:\/([^/]+))?\/?$/;

/** A header carries visible ASCII only: a field named otherwise is the body's. */
const headerSafe = (field: string): string => (/^[\x21-\x7e]{1,200}$/.test(field) ? field : '(body)');

/**
 * Whatever refuses a request of the household's page before its own handling (a NUL character or a
 * control of the direction of text in a field, a body too large or of another type, a malformed
 * parameter, a pace exceeded), the household reads the page, not the API's JSON: its page with the
 * form's problem in words when the link is valid, else the page of an unknown link.
 */
@Injectable()
export class ResponsePageRefusals implements HtmlErrorPage {
  private readonly logger = new Logger('ResponsePageRefusals');
  private readonly texts = PageTexts.load();

  constructor(private readonly page: ResponsePageService) {}

  handles(request: FastifyRequest): boolean {
    return PAGE_PATH.test(request.url.split('?')[0]!);
  }

  async render(
    refusal: ErrorBody,
    request: FastifyRequest,
  ): Promise<{ statusCode: number; html: string; headers: Record<string, string> }> {
    const unknown = (statusCode: number) => ({
      statusCode,
      html: renderUnknownLinkPage(this.texts.for('fr')),
      headers: { ...PAGE_HEADERS },
    });
    // Too many requests: nothing is looked up (the page of an unknown link, as for a locked-out guesser).
    if (refusal.statusCode === 429) return unknown(429);
    const [, rawToken, action] = PAGE_PATH.exec(request.url.split('?')[0]!) ?? [];
    const token = decoded(rawToken);
    const opened = token ? await this.opened(token, requestedLocale(request)) : { status: 'unknown' as const };
    if (opened.status !== 'valid') return unknown(404);
    const field = headerSafe(refusal.errors?.[0]?.field ?? '(body)');
    const notice: PageNotice | null = action ? { kind: 'problem', text: problemTextOf(action), field } : null;
    const html = renderResponsePage(opened.model, this.texts.for(opened.locale), {
      locale: opened.locale,
      path: `/r/${encodeURIComponent(token!)}`,
      csrf: opened.csrf,
      notice,
    });
    return { statusCode: refusal.statusCode, html, headers: { ...PAGE_HEADERS, ...(action ? { 'x-invalid-field': field } : {}) } };
  }

  private async opened(token: string, locale: unknown): Promise<OpenedPage> {
    try {
      return await this.page.open(token, locale, undefined, false);
    } catch (error) {
      this.logger.warn({ err: describeError(error) }, 'response page not opened for a refused request');
      return { status: 'unknown' };
    }
  }
}

function decoded(segment: string | undefined): string | null {
  if (!segment) return null;
  try {
    const token = decodeURIComponent(segment);
    return unsafeTextProblems(token).length === 0 ? token : null;
  } catch {
    return null;
  }
}

/** The language the household chose on the page (the form's `affichage`, the address's `langue`), when it can be read. */
function requestedLocale(request: FastifyRequest): unknown {
  const body = request.body;
  if (body && typeof body === 'object' && 'affichage' in body) return (body as { affichage?: unknown }).affichage;
  const query = request.query;
  return query && typeof query === 'object' ? (query as { langue?: unknown }).langue : undefined;
}
