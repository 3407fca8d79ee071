import { TwilioApiError, twilioErrors } from './twilio-errors';

/** A form-encoded body as @fastify/formbody parses it (repeated keys become arrays). */
export type FormParams = Record<string, string | string[] | undefined>;

const E164 = /^\+[1-9]\d{6,14}$/;
const ALPHANUMERIC_SENDER = /^(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11}$/;
const MESSAGING_SERVICE_SID = /^MG[0-9a-fA-F]{32}$/;
const MAX_BODY = 1600;

function single(params: FormParams, key: string): string | undefined {
  const value = params[key];
  return Array.isArray(value) ? value[0] : value;
}

function list(params: FormParams, key: string): string[] {
  const value = params[key];
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).flatMap((v) => v.split(/[\s,]+/)).filter(Boolean);
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

export interface CreateMessageCommand {
  to: string;
  from: string | null;
  messagingServiceSid: string | null;
  body: string;
  statusCallback: string | null;
}

/** Validates POST Messages.json in the order Twilio reports problems. */
export function parseCreateMessage(params: FormParams): CreateMessageCommand | TwilioApiError {
  const to = single(params, 'To')?.trim();
  if (!to) return twilioErrors.messageToRequired();
  if (!E164.test(to)) return twilioErrors.invalidTo(to);
  const from = single(params, 'From')?.trim() || null;
  const messagingServiceSid = single(params, 'MessagingServiceSid')?.trim() || null;
  if (!from && !messagingServiceSid) return twilioErrors.messageFromRequired();
  if (from && !E164.test(from) && !ALPHANUMERIC_SENDER.test(from)) return twilioErrors.invalidFrom(from);
  if (messagingServiceSid && !MESSAGING_SERVICE_SID.test(messagingServiceSid)) {
    return new TwilioApiError(400, 21701, `The Messaging Service Sid ${messagingServiceSid} is invalid.`);
  }
  const body = single(params, 'Body') ?? '';
  const hasMedia = list(params, 'MediaUrl').length > 0 || Boolean(single(params, 'ContentSid'));
  if (body.length === 0 && !hasMedia) return twilioErrors.messageBodyRequired();
  if (body.length > MAX_BODY) return twilioErrors.messageBodyTooLong();
  const statusCallback = single(params, 'StatusCallback')?.trim() || null;
  if (statusCallback && !isHttpUrl(statusCallback)) return twilioErrors.invalidStatusCallback(statusCallback);
  return { to, from, messagingServiceSid, body, statusCallback };
}

export interface CreateCallCommand {
  to: string;
  from: string;
  url: string | null;
  twiml: string | null;
  statusCallback: string | null;
  statusCallbackEvents: string[];
}

/** Validates POST Calls.json. Without StatusCallbackEvent Twilio only reports `completed`. */
export function parseCreateCall(params: FormParams): CreateCallCommand | TwilioApiError {
  const to = single(params, 'To')?.trim();
  if (!to) return twilioErrors.callToRequired();
  if (!E164.test(to)) return twilioErrors.invalidTo(to);
  const from = single(params, 'From')?.trim();
  if (!from) return twilioErrors.callFromRequired();
  if (!E164.test(from)) return twilioErrors.invalidFrom(from);
  const url = single(params, 'Url')?.trim() || null;
  const twiml = single(params, 'Twiml')?.trim() || null;
  const applicationSid = single(params, 'ApplicationSid')?.trim() || null;
  if (!url && !twiml && !applicationSid) return twilioErrors.callUrlRequired();
  if (url && !isHttpUrl(url)) return twilioErrors.invalidUrl(url);
  const statusCallback = single(params, 'StatusCallback')?.trim() || null;
  if (statusCallback && !isHttpUrl(statusCallback)) return twilioErrors.invalidStatusCallback(statusCallback);
  const events = list(params, 'StatusCallbackEvent');
  return {
    to,
    from,
    url,
    twiml,
    statusCallback,
    statusCallbackEvents: events.length > 0 ? events : ['completed'],
  };
}

export interface MessageListFilter {
  to: string | null;
  from: string | null;
  sentOn: Date | null;
  sentBefore: Date | null;
  sentAfter: Date | null;
  page: number;
  pageSize: number;
}

function parseDate(value: string | undefined): Date | null {
  if (!value) return null;
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

function parseIntIn(value: string | undefined, fallback: number, min: number, max: number): number {
  const n = value === undefined ? NaN : Number.parseInt(value, 10);
  return Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : fallback;
}

export function parseMessageListFilter(query: FormParams): MessageListFilter {
  return {
    to: single(query, 'To') ?? null,
    from: single(query, 'From') ?? null,
    sentOn: parseDate(single(query, 'DateSent')),
    sentBefore: parseDate(single(query, 'DateSent<')),
    sentAfter: parseDate(single(query, 'DateSent>')),
    page: parseIntIn(single(query, 'Page'), 0, 0, 1_000_000),
    pageSize: parseIntIn(single(query, 'PageSize'), 50, 1, 1000),
  };
}

const DAY_MS = 86_400_000;

/**
 * Twilio's DateSent filters: `DateSent` matches the whole UTC day, `DateSent>` and `DateSent<`
 * are inclusive. A message not sent yet is filtered on its creation date.
 */
export function matchesMessageFilter(
  m: { to: string; from: string | null; dateSent: Date | null; dateCreated: Date },
  f: MessageListFilter,
): boolean {
  if (f.to !== null && m.to !== f.to) return false;
  if (f.from !== null && m.from !== f.from) return false;
  const at = (m.dateSent ?? m.dateCreated).getTime();
  if (f.sentOn !== null) {
    const dayStart = Math.floor(f.sentOn.getTime() / DAY_MS) * DAY_MS;
    if (at < dayStart || at >= dayStart + DAY_MS) return false;
  }
  if (f.sentAfter !== null && at < f.sentAfter.getTime()) return false;
  if (f.sentBefore !== null && at > f.sentBefore.getTime()) return false;
  return true;
}

export interface CallListFilter {
  to: string | null;
  from: string | null;
  parentCallSid: string | null;
  status: string | null;
  startedOn: Date | null;
  startedBefore: Date | null;
  startedAfter: Date | null;
  endedOn: Date | null;
  endedBefore: Date | null;
  endedAfter: Date | null;
  page: number;
  pageSize: number;
}

export function parseCallListFilter(query: FormParams): CallListFilter {
  return {
    to: single(query, 'To') ?? null,
    from: single(query, 'From') ?? null,
    parentCallSid: single(query, 'ParentCallSid') ?? null,
    status: single(query, 'Status') ?? null,
    startedOn: parseDate(single(query, 'StartTime')),
    startedBefore: parseDate(single(query, 'StartTime<')),
    startedAfter: parseDate(single(query, 'StartTime>')),
    endedOn: parseDate(single(query, 'EndTime')),
    endedBefore: parseDate(single(query, 'EndTime<')),
    endedAfter: parseDate(single(query, 'EndTime>')),
    page: parseIntIn(single(query, 'Page'), 0, 0, 1_000_000),
    pageSize: parseIntIn(single(query, 'PageSize'), 50, 1, 1000),
  };
}

function withinDay(at: number, day: Date): boolean {
  const dayStart = Math.floor(day.getTime() / DAY_MS) * DAY_MS;
  return at >= dayStart && at < dayStart + DAY_MS;
}

/**
 * Twilio's call filters. A call not started yet (queued) has no start time: the StartTime
 * filters leave it out, as Twilio does; EndTime filters leave out calls still going.
 */
export function matchesCallFilter(
  c: { to: string; from: string; parentCallSid: string | null; status: string; startTime: Date | null; endTime: Date | null },
  f: CallListFilter,
): boolean {
  if (f.to !== null && c.to !== f.to) return false;
  if (f.from !== null && c.from !== f.from) return false;
  if (f.parentCallSid !== null && c.parentCallSid !== f.parentCallSid) return false;
  if (f.status !== null && c.status !== f.status) return false;
  const started = c.startTime?.getTime() ?? null;
  if (f.startedOn !== null || f.startedAfter !== null || f.startedBefore !== null) {
    if (started === null) return false;
    if (f.startedOn !== null && !withinDay(started, f.startedOn)) return false;
    if (f.startedAfter !== null && started < f.startedAfter.getTime()) return false;
    if (f.startedBefore !== null && started > f.startedBefore.getTime()) return false;
  }
  const ended = c.endTime?.getTime() ?? null;
  if (f.endedOn !== null || f.endedAfter !== null || f.endedBefore !== null) {
    if (ended === null) return false;
    if (f.endedOn !== null && !withinDay(ended, f.endedOn)) return false;
    if (f.endedAfter !== null && ended < f.endedAfter.getTime()) return false;
    if (f.endedBefore !== null && ended > f.endedBefore.getTime()) return false;
  }
  return true;
}
