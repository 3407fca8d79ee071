import type { Logger } from 'pino';
import { countSmsSegments } from '@unisson/channels';
import {
  FormParams,
  matchesCallFilter,
  matchesMessageFilter,
  parseCallListFilter,
  parseCreateCall,
  parseCreateMessage,
  parseMessageListFilter,
} from '../domain/create-requests';
import { optOutKeyword, restOutcomeFor } from '../domain/magic-numbers';
import { TwilioApiError, twilioErrors } from '../domain/twilio-errors';
import {
  API_VERSION,
  MessageDirection,
  newSandboxCall,
  newSid,
  SandboxCall,
  SandboxMessage,
  toCallResource,
  toMessageResource,
} from '../domain/twilio-resources';
import { newestFirst, SandboxStore } from '../sandbox-store';
import type { ProviderLifecycle } from './lifecycle';
import type { WebhookPoster } from './webhook-poster';

export interface InboundSmsResult {
  messageSid: string;
  webhookStatus: number | null;
  webhookError: string | null;
  /** texts the application answered with TwiML <Message> */
  replies: string[];
}

/** What Twilio does with each REST request, without HTTP concerns. */
export class TwilioEmulator {
  constructor(
    private readonly accountSid: string,
    private readonly phoneNumber: string,
    private readonly store: SandboxStore,
    private readonly lifecycle: ProviderLifecycle,
    private readonly poster: WebhookPoster,
    private readonly inboundSmsWebhookUrl: string | null,
    private readonly log: Logger,
  ) {}

  createMessage(params: FormParams): SandboxMessage | TwilioApiError {
    const command = parseCreateMessage(params);
    if (command instanceof TwilioApiError) return command;
    const outcome = restOutcomeFor(command.to);
    if (outcome === 'internal-error') return twilioErrors.internal();
    if (outcome === 'rate-limited') return twilioErrors.tooManyRequests();
    if (this.store.optedOut.has(command.to)) return twilioErrors.unsubscribedRecipient();
    const message = this.record('outbound-api', command.from, command.to, command.body, command.statusCallback);
    message.messagingServiceSid = command.messagingServiceSid;
    this.log.info({ sid: message.sid, segments: message.numSegments }, 'message accepted');
    this.lifecycle.startMessage(message);
    return message;
  }

  listMessages(query: FormParams, path: string): Record<string, unknown> {
    const filter = parseMessageListFilter(query);
    const matching = newestFirst(this.store.messages).filter((m) => matchesMessageFilter(m, filter));
    return listPage(matching.map(toMessageResource), 'messages', filter, query, path);
  }

  /** GET Calls.json: To, From, ParentCallSid, Status and the StartTime/EndTime filters, newest first. */
  listCalls(query: FormParams, path: string): Record<string, unknown> {
    const filter = parseCallListFilter(query);
    const matching = newestFirst(this.store.calls).filter((c) => matchesCallFilter(c, filter));
    return listPage(matching.map(toCallResource), 'calls', filter, query, path);
  }

  createCall(params: FormParams): SandboxCall | TwilioApiError {
    const command = parseCreateCall(params);
    if (command instanceof TwilioApiError) return command;
    const outcome = restOutcomeFor(command.to);
    if (outcome === 'internal-error') return twilioErrors.internal();
    if (outcome === 'rate-limited') return twilioErrors.tooManyRequests();
    const call = newSandboxCall({
      accountSid: this.accountSid,
      from: command.from,
      to: command.to,
      url: command.url,
      twiml: command.twiml,
      statusCallback: command.statusCallback,
      statusCallbackEvents: command.statusCallbackEvents,
    });
    this.store.calls.push(call);
    this.log.info({ sid: call.sid }, 'call accepted');
    this.lifecycle.startCall(call);
    return call;
  }

  /** Forgets everything captured and cancels pending status changes. */
  reset(): void {
    this.lifecycle.cancelAll();
    this.store.reset();
  }

  /** An SMS from a person to our number: stored, STOP/START honoured, posted signed to the app. */
  async receiveInboundSms(from: string, body: string): Promise<InboundSmsResult> {
    const message = this.record('inbound', from, this.phoneNumber, body, null);
    message.status = 'received';
    message.dateSent = message.dateCreated;
    message.statusHistory = [{ status: 'received', at: message.dateCreated }];
    const keyword = optOutKeyword(body);
    if (keyword === 'opt-out') this.store.optedOut.add(from);
    if (keyword === 'opt-in') this.store.optedOut.delete(from);
    this.log.info({ sid: message.sid, keyword }, 'inbound SMS received');
    if (!this.inboundSmsWebhookUrl) {
      return {
        messageSid: message.sid,
        webhookStatus: null,
        webhookError: 'aucun webhook SMS entrant configuré',
        replies: [],
      };
    }
    const result = await this.poster.post('inbound-sms', message.sid, this.inboundSmsWebhookUrl, inboundParams(message));
    const replies = extractTwimlMessages(result.body ?? '');
    for (const reply of replies) {
      const sent = this.record('outbound-reply', this.phoneNumber, from, reply, null);
      this.lifecycle.startMessage(sent);
    }
    return {
      messageSid: message.sid,
      webhookStatus: result.httpStatus,
      webhookError: result.error,
      replies,
    };
  }

  private record(
    direction: MessageDirection,
    from: string | null,
    to: string,
    body: string,
    statusCallback: string | null,
  ): SandboxMessage {
    const now = new Date();
    const message: SandboxMessage = {
      sid: newSid('SM'),
      accountSid: this.accountSid,
      direction,
      from,
      to,
      messagingServiceSid: null,
      body,
      numSegments: countSmsSegments(body),
      status: 'queued',
      errorCode: null,
      errorMessage: null,
      statusCallback,
      dateCreated: now,
      dateUpdated: now,
      dateSent: null,
      statusHistory: [{ status: 'queued', at: now }],
    };
    this.store.messages.push(message);
    return message;
  }
}

/** One page of a Twilio list resource, with its paging URIs. */
function listPage(
  items: Array<Record<string, unknown>>,
  key: 'messages' | 'calls',
  filter: { page: number; pageSize: number },
  query: FormParams,
  path: string,
): Record<string, unknown> {
  const start = filter.page * filter.pageSize;
  const pageItems = items.slice(start, start + filter.pageSize);
  const pageUri = (page: number) => {
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(query)) {
      if (name !== 'Page' && name !== 'PageToken' && name !== 'PageSize' && typeof value === 'string') search.set(name, value);
    }
    search.set('PageSize', String(filter.pageSize));
    search.set('Page', String(page));
    if (page > 0) search.set('PageToken', `PA${newSid('SM').slice(2)}`);
    return `${path}?${search.toString()}`;
  };
  return {
    end: start + Math.max(pageItems.length - 1, 0),
    first_page_uri: pageUri(0),
    next_page_uri: start + filter.pageSize < items.length ? pageUri(filter.page + 1) : null,
    page: filter.page,
    page_size: filter.pageSize,
    previous_page_uri: filter.page > 0 ? pageUri(filter.page - 1) : null,
    start,
    uri: pageUri(filter.page),
    [key]: pageItems,
  };
}

function countryOf(number: string): string {
  return number.startsWith('+33') ? 'FR' : number.startsWith('+1') ? 'US' : '';
}

/** The parameters Twilio posts to the incoming-message webhook of a number. */
export function inboundParams(m: SandboxMessage): Record<string, string> {
  return {
    ToCountry: countryOf(m.to),
    ToState: '',
    SmsMessageSid: m.sid,
    NumMedia: '0',
    ToCity: '',
    FromZip: '',
    SmsSid: m.sid,
    FromState: '',
    SmsStatus: 'received',
    FromCity: '',
    Body: m.body,
    FromCountry: countryOf(m.from ?? ''),
    To: m.to,
    ToZip: '',
    NumSegments: String(m.numSegments),
    MessageSid: m.sid,
    AccountSid: m.accountSid,
    From: m.from ?? '',
    ApiVersion: API_VERSION,
  };
}

const XML_ENTITIES: Record<string, string> = {
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&apos;': "'",
  '&amp;': '&',
};

/** Texts of <Message> verbs in a TwiML answer (plain text or <Body> child). */
export function extractTwimlMessages(twiml: string): string[] {
  const texts: string[] = [];
  for (const match of twiml.matchAll(/<Message\b[^>]*>([\s\S]*?)<\/Message>/g)) {
    const inner = match[1] ?? '';
    const body = /<Body>([\s\S]*?)<\/Body>/.exec(inner)?.[1] ?? inner.replace(/<[^>]+>/g, '');
    const text = body.replace(/&(lt|gt|quot|apos|amp);/g, (entity) => XML_ENTITIES[entity] ?? entity).trim();
    if (text) texts.push(text);
  }
  return texts;
}
