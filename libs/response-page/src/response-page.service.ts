import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '@unisson/config';
import { COORDINATION_CLOCK, type ExecutorClock } from '@unisson/coordination';
import { HouseholdCorrections } from '@unisson/households';
import { describeError } from '@unisson/platform';
import { ResponseRecorder } from '@unisson/responses';
import { CallbackRequests } from '@unisson/tasks';
import { isLocale, LOCALES, type Locale } from '@unisson/templates';
import { PageAction, parisDay, parsePageForm, responseEventsFor } from './domain/page-actions';
import { buildPageModel, PageModel, PageNotice } from './domain/page-model';
import type { ResponseLinkView } from './domain/response-link';
import { PageFactsReader } from './page-facts.reader';
import { ResponseLinks } from './response-links';

export type OpenedPage =
  { status: 'unknown' } | { status: 'valid'; link: ResponseLinkView; model: PageModel; locale: Locale; csrf: string };

export type PageActionResult =
  | { status: 'unknown' }
  | { status: 'done'; action: Exclude<PageAction, { type: 'visit' }>; displayLocale: Locale }
  | { status: 'problem'; httpStatus: 400 | 403; notice: PageNotice; page: Extract<OpenedPage, { status: 'valid' }> };

const PROBLEM_TEXT = { rappel: 'problem_callback', situation: 'problem_situation', preferences: 'problem_preferences' } as const;

/** What the page says above a refused form, by the form (`rappel`, `situation`, `preferences`). */
export function problemTextOf(action: string): (typeof PROBLEM_TEXT)[keyof typeof PROBLEM_TEXT] {
  return Object.hasOwn(PROBLEM_TEXT, action) ? PROBLEM_TEXT[action as keyof typeof PROBLEM_TEXT] : 'problem_preferences';
}

/** The household's page: opening it (a visit is a response), and its three forms. */
@Injectable()
export class ResponsePageService {
  private readonly logger = new Logger('ResponsePage');

  constructor(
    private readonly links: ResponseLinks,
    private readonly facts: PageFactsReader,
    private readonly recorder: ResponseRecorder,
    private readonly corrections: HouseholdCorrections,
    /** Call-back requests become the call task they promise (decision 0031). */
    private readonly callbacks: CallbackRequests,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    /** The plan's calendar (real time unless a demo or a test starts it elsewhere): answers are dated on it. */
    @Inject(COORDINATION_CLOCK) private readonly clock: ExecutorClock,
  ) {}

  /** Opens the page of a token in the language asked for (else the link's); counts the visit (once a day as a response). */
  async open(token: string, requestedLocale: unknown, now: Date = new Date(this.clock.now()), countVisit = true): Promise<OpenedPage> {
    // Expiry on real time (the token's safety); answers dated on the plan's calendar.
    const resolved = await this.links.resolve(token);
    if (resolved.status !== 'valid') return { status: 'unknown' };
    const link = resolved.link;
    if (countVisit) await this.recordVisit(link, now);
    const [facts, offered] = await Promise.all([this.facts.read(link), this.callbacks.slotsFor(link.householdId, link.territory, now)]);
    return {
      status: 'valid',
      link,
      model: buildPageModel(facts, offered.slots),
      locale: pickLocale(requestedLocale, link.locale),
      csrf: this.csrfFor(link.id, now),
    };
  }

  async act(
    token: string,
    action: string,
    form: Record<string, unknown>,
    now: Date = new Date(this.clock.now()),
  ): Promise<PageActionResult> {
    const page = await this.open(token, form.affichage, now, false);
    if (page.status !== 'valid') return { status: 'unknown' };
    const field = problemTextOf(action);
    if (!this.csrfIsValid(page.link.id, form._csrf, now))
      return { status: 'problem', httpStatus: 403, notice: { kind: 'problem', text: 'problem_expired_form', field: '_csrf' }, page };
    const parsed = parsePageForm(
      action,
      form,
      LOCALES,
      page.model.callbackSlots.map((s) => s.id),
    );
    if (!parsed.ok)
      return { status: 'problem', httpStatus: 400, notice: { kind: 'problem', text: field, field: parsed.problems[0].field }, page };
    const chosen = parsed.action;
    if (chosen.type === 'preferences' && page.link.householdId) {
      // The household's own choice, kept where households keep their data: later messages follow it.
      await this.corrections.recordContactPreferences(page.link.householdId, {
        ...(chosen.locale ? { locale: chosen.locale } : {}),
        ...(chosen.channel ? { channel: chosen.channel } : {}),
      });
    }
    for (const event of responseEventsFor(page.link, chosen, now)) {
      await this.recorder.record(event);
      // Asked again (double submit) with the event already stored: the task is still made sure of.
      if (chosen.type === 'callback' && page.link.householdId) {
        await this.callbacks.request(
          {
            householdId: page.link.householdId,
            slot: chosen.slot,
            requestKey: event.idempotencyKey,
            source: event.source,
            partnerId: page.link.partnerId,
          },
          now,
        );
      }
    }
    const displayLocale = chosen.type === 'preferences' && chosen.locale && isLocale(chosen.locale) ? chosen.locale : page.locale;
    return { status: 'done', action: chosen, displayLocale };
  }

  private async recordVisit(link: ResponseLinkView, now: Date): Promise<void> {
    try {
      await this.links.countVisit(link.id, now);
      for (const event of responseEventsFor(link, { type: 'visit' }, now)) await this.recorder.record(event);
    } catch (error) {
      // The household still gets its page; the visit is lost, not the answers (they are recorded or refused loudly).
      this.logger.warn({ err: describeError(error) }, 'visit of a response page not recorded');
    }
  }

  /** A form token bound to the link and the day (yesterday's still accepted): a form only this page gave works. */
  private csrfFor(linkId: string, at: Date): string {
    return createHmac('sha256', this.config.security.appSecret)
      .update(`response-page-form:${linkId}:${parisDay(at)}`)
      .digest('base64url')
      .slice(0, 24);
  }

  private csrfIsValid(linkId: string, given: unknown, now: Date): boolean {
    if (typeof given !== 'string' || given.length !== 24) return false;
    const yesterday = new Date(now.getTime() - 24 * 3600_000);
    return [now, yesterday].some((day) => timingSafeEqual(Buffer.from(this.csrfFor(linkId, day)), Buffer.from(given)));
  }
}

export function pickLocale(requested: unknown, linkLocale: string): Locale {
  if (typeof requested === 'string' && isLocale(requested)) return requested;
  return isLocale(linkLocale) ? linkLocale : 'fr';
}
