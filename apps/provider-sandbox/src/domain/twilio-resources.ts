import { randomBytes } from 'node:crypto';
import type { CallStatus } from './magic-numbers';

export const API_VERSION = '2010-04-01';

/** Random bytes drawn 4 KiB at a time: one system call for 256 SIDs, not one each. */
let entropy = Buffer.alloc(0);
let used = 0;

export function newSid(prefix: 'SM' | 'CA' | 'MG' | 'PN'): string {
  if (used + 16 > entropy.length) {
    entropy = randomBytes(4_096);
    used = 0;
  }
  used += 16;
  return prefix + entropy.toString('hex', used - 16, used);
}

/**
 * The last second written: a resource shows two or three dates of the same second, and a few
 * thousand messages a second share it, so it is formatted once rather than once a date.
 */
let formattedSecond = NaN;
let formatted = '';

/** Twilio's dates: RFC 2822 in GMT, e.g. "Thu, 24 Aug 2023 05:01:45 +0000". */
export function rfc2822(date: Date | null): string | null {
  if (date === null) return null;
  const second = Math.floor(date.getTime() / 1000);
  if (second !== formattedSecond) {
    formatted = date.toUTCString().replace(/GMT$/, '+0000');
    formattedSecond = second;
  }
  return formatted;
}

export type MessageStatus = 'queued' | 'sent' | 'delivered' | 'undelivered' | 'failed' | 'received';
export type MessageDirection = 'inbound' | 'outbound-api' | 'outbound-reply';

export interface SandboxMessage {
  sid: string;
  accountSid: string;
  direction: MessageDirection;
  from: string | null;
  to: string;
  messagingServiceSid: string | null;
  body: string;
  numSegments: number;
  status: MessageStatus;
  errorCode: number | null;
  errorMessage: string | null;
  statusCallback: string | null;
  dateCreated: Date;
  dateUpdated: Date;
  dateSent: Date | null;
  statusHistory: Array<{ status: MessageStatus; at: Date }>;
}

export interface SandboxCall {
  sid: string;
  accountSid: string;
  /** the call whose <Dial> placed this one (the other leg of a bridge), or null */
  parentCallSid: string | null;
  direction: 'outbound-api' | 'outbound-dial';
  from: string;
  to: string;
  status: CallStatus;
  answeredBy: string | null;
  durationSeconds: number | null;
  url: string | null;
  /** the TwiML given inline or fetched from Url when the call was answered */
  twiml: string | null;
  statusCallback: string | null;
  statusCallbackEvents: string[];
  dateCreated: Date;
  dateUpdated: Date;
  startTime: Date | null;
  endTime: Date | null;
  statusHistory: Array<{ status: string; at: Date }>;
  /** what the person who answered heard (<Say> texts, <Play> noted), in order */
  heard: string[];
  /** keys pressed at a <Gather> (scripted with POST /sandbox/keypresses) */
  digitsPressed: string[];
  /** problems Twilio would report in the call's debugger (unreadable TwiML, unreachable Url) */
  errors: string[];
}

/** A new call, queued, as Twilio creates it. */
export function newSandboxCall(
  fields: Pick<SandboxCall, 'accountSid' | 'from' | 'to' | 'url' | 'twiml' | 'statusCallback' | 'statusCallbackEvents'> &
    Partial<Pick<SandboxCall, 'parentCallSid' | 'direction'>>,
): SandboxCall {
  const now = new Date();
  return {
    sid: newSid('CA'),
    parentCallSid: null,
    direction: 'outbound-api',
    ...fields,
    status: 'queued',
    answeredBy: null,
    durationSeconds: null,
    dateCreated: now,
    dateUpdated: now,
    startTime: null,
    endTime: null,
    statusHistory: [{ status: 'queued', at: now }],
    heard: [],
    digitsPressed: [],
    errors: [],
  };
}

export function messageUri(accountSid: string, sid: string): string {
  return `/${API_VERSION}/Accounts/${accountSid}/Messages/${sid}.json`;
}

/** The Message resource exactly as the OpenAPI schema `api.v2010.account.message` describes it. */
export function toMessageResource(m: SandboxMessage): Record<string, unknown> {
  const base = `/${API_VERSION}/Accounts/${m.accountSid}/Messages/${m.sid}`;
  return {
    account_sid: m.accountSid,
    api_version: API_VERSION,
    body: m.body,
    date_created: rfc2822(m.dateCreated),
    date_sent: rfc2822(m.dateSent),
    date_updated: rfc2822(m.dateUpdated),
    direction: m.direction,
    error_code: m.errorCode,
    error_message: m.errorMessage,
    from: m.from,
    messaging_service_sid: m.messagingServiceSid,
    num_media: '0',
    num_segments: String(m.numSegments),
    price: null,
    price_unit: 'EUR',
    sid: m.sid,
    status: m.status,
    subresource_uris: { media: `${base}/Media.json`, feedback: `${base}/Feedback.json` },
    to: m.to,
    uri: `${base}.json`,
  };
}

/** The Call resource as the OpenAPI schema `api.v2010.account.call` describes it. */
export function toCallResource(c: SandboxCall): Record<string, unknown> {
  const base = `/${API_VERSION}/Accounts/${c.accountSid}/Calls/${c.sid}`;
  return {
    account_sid: c.accountSid,
    answered_by: c.answeredBy,
    api_version: API_VERSION,
    caller_name: null,
    date_created: rfc2822(c.dateCreated),
    date_updated: rfc2822(c.dateUpdated),
    direction: c.direction,
    duration: c.durationSeconds === null ? null : String(c.durationSeconds),
    end_time: rfc2822(c.endTime),
    forwarded_from: null,
    from: c.from,
    from_formatted: c.from,
    group_sid: null,
    parent_call_sid: c.parentCallSid,
    phone_number_sid: null,
    price: null,
    price_unit: 'EUR',
    queue_time: '0',
    sid: c.sid,
    start_time: rfc2822(c.startTime),
    status: c.status,
    subresource_uris: {
      notifications: `${base}/Notifications.json`,
      recordings: `${base}/Recordings.json`,
      events: `${base}/Events.json`,
    },
    to: c.to,
    to_formatted: c.to,
    trunk_sid: null,
    uri: `${base}.json`,
  };
}
