import { HOUSEHOLD_CHOSEN_CHANNELS, type HouseholdChosenChannel, type ResponseKind, type ResponseSource } from '@unisson/vocabulary';
import type { ResponseLinkView } from './response-link';

/**
 * What a household can do on its response page, and the response event each action is. Pure:
 * the form fields are checked here (each problem names its field), the idempotency keys decide
 * what counts once (a visit once a day, a double click once).
 */
/** A call-back slot's id (`soonest`, `10:00-13:00`): the household's playbook's call hours define them (@unisson/tasks). */
export type CallbackSlot = string;

export const SITUATIONS = { paid: 'said_paid', plan: 'said_repayment_plan' } as const satisfies Record<string, ResponseKind>;
export type Situation = keyof typeof SITUATIONS;

/** The channels a household may say it prefers: the planner sends its messages by the one chosen. */
export const CHOOSABLE_CHANNELS = HOUSEHOLD_CHOSEN_CHANNELS;
export type ChoosableChannel = HouseholdChosenChannel;

export type PageAction =
  | { type: 'visit' }
  | { type: 'callback'; slot: CallbackSlot }
  | { type: 'situation'; situation: Situation }
  | { type: 'preferences'; channel: ChoosableChannel | null; locale: string | null };

export type FormProblem = { field: string; message: string };

const includes = <T extends string>(list: readonly T[], value: unknown): value is T =>
  typeof value === 'string' && (list as readonly string[]).includes(value);

/** The action a posted form asks for, or the problems of its fields. */
export function parsePageForm(
  action: string,
  form: Record<string, unknown>,
  locales: readonly string[],
  /** The call-back slots the page offered (the playbook's call hours). */
  slots: readonly string[],
): { ok: true; action: Exclude<PageAction, { type: 'visit' }> } | { ok: false; problems: FormProblem[] } {
  if (action === 'rappel') {
    if (!includes(slots, form.creneau))
      return { ok: false, problems: [{ field: 'creneau', message: `doit être l’une des valeurs ${slots.join(', ')}` }] };
    return { ok: true, action: { type: 'callback', slot: form.creneau } };
  }
  if (action === 'situation') {
    const situations = Object.keys(SITUATIONS) as Situation[];
    if (!includes(situations, form.situation))
      return { ok: false, problems: [{ field: 'situation', message: `doit être l’une des valeurs ${situations.join(', ')}` }] };
    return { ok: true, action: { type: 'situation', situation: form.situation } };
  }
  if (action === 'preferences') {
    const problems: FormProblem[] = [];
    const channel = form.canal === undefined || form.canal === '' ? null : form.canal;
    const locale = form.langue === undefined || form.langue === '' ? null : form.langue;
    if (channel !== null && !includes(CHOOSABLE_CHANNELS, channel))
      problems.push({ field: 'canal', message: `doit être l’une des valeurs ${CHOOSABLE_CHANNELS.join(', ')}` });
    if (locale !== null && !includes(locales, locale))
      problems.push({ field: 'langue', message: `doit être l’une des valeurs ${locales.join(', ')}` });
    if (!problems.length && channel === null && locale === null)
      problems.push({ field: 'canal', message: 'choose a channel (canal) or a language (langue)' });
    if (problems.length) return { ok: false, problems };
    return { ok: true, action: { type: 'preferences', channel: channel as ChoosableChannel | null, locale: locale as string | null } };
  }
  return { ok: false, problems: [{ field: 'action', message: 'doit être rappel, situation ou preferences' }] };
}

export interface PageResponseEvent {
  idempotencyKey: string;
  householdId: string;
  kind: ResponseKind;
  source: ResponseSource;
  occurredAt: Date;
  messageId: string | null;
  plannedContactKey: string | null;
  partnerId: string | null;
  details: Record<string, string | number | boolean | null>;
}

/** The civil day (Europe/Paris) of an instant, `YYYY-MM-DD`: a visit counts once a day. */
export function parisDay(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/**
 * The response events of an action on a link's page; none when the link has no household (an
 * anonymous shared notice: its visits are only counted on the link). A link from the shared
 * notice answers with source `notice`, every other with `response_page`.
 */
export function responseEventsFor(link: ResponseLinkView, action: PageAction, at: Date): PageResponseEvent[] {
  if (!link.householdId) return [];
  const day = parisDay(at);
  const base = {
    householdId: link.householdId,
    source: (link.viaNotice ? 'notice' : 'response_page') as ResponseSource,
    occurredAt: at,
    messageId: link.messageId,
    plannedContactKey: link.plannedContactKey,
    partnerId: link.viaNotice ? link.partnerId : null,
  };
  const details = (more: Record<string, string>) => ({
    linkId: link.id,
    ...(link.viaNotice ? { via: 'notice', stage: link.stage, territory: link.territory } : {}),
    ...more,
  });
  const key = (...parts: string[]) => ['response-page', link.id, ...parts].join(':');
  switch (action.type) {
    case 'visit':
      return [{ ...base, kind: 'link_visited', idempotencyKey: key('visit', day), details: details({ day }) }];
    case 'callback':
      return [
        { ...base, kind: 'callback_requested', idempotencyKey: key('callback', day, action.slot), details: details({ slot: action.slot }) },
      ];
    case 'situation':
      return [{ ...base, kind: SITUATIONS[action.situation], idempotencyKey: key('situation', action.situation), details: details({}) }];
    case 'preferences':
      return [
        ...(action.channel
          ? [
              {
                ...base,
                kind: 'channel_chosen' as const,
                idempotencyKey: key('channel', day, action.channel),
                details: details({ channel: action.channel }),
              },
            ]
          : []),
        ...(action.locale
          ? [
              {
                ...base,
                kind: 'language_chosen' as const,
                idempotencyKey: key('language', day, action.locale),
                details: details({ locale: action.locale }),
              },
            ]
          : []),
      ];
  }
}
