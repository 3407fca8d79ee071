import type { Logger } from 'pino';
import { callStepsFor, CallStep, messageStepsFor, MessageStep } from '../domain/magic-numbers';
import { API_VERSION, newSandboxCall, rfc2822, SandboxCall, SandboxMessage } from '../domain/twilio-resources';
import { parseTwiml, spokenTexts, TwimlElement } from '../domain/twiml';
import type { SandboxStore } from '../sandbox-store';
import type { WebhookPoster } from './webhook-poster';

/**
 * Moves queued messages and calls through their statuses, one step every `delayMs`, and posts
 * each change to the StatusCallback like Twilio (signed, form-encoded, in order).
 */
export class ProviderLifecycle {
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopped = false;

  constructor(
    private readonly poster: WebhookPoster,
    private readonly delayMs: number,
    private readonly log: Logger,
    private readonly store?: SandboxStore,
  ) {}

  startMessage(message: SandboxMessage): void {
    void this.runMessage(message).catch((error: unknown) => this.log.error({ sid: message.sid, err: error }, 'message lifecycle failed'));
  }

  startCall(call: SandboxCall): void {
    void this.runCall(call).catch((error: unknown) => this.log.error({ sid: call.sid, err: error }, 'call lifecycle failed'));
  }

  /** Abandons every pending status change (after a reset): no more callbacks for old items. */
  cancelAll(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  stop(): void {
    this.stopped = true;
    this.cancelAll();
  }

  private async tick(): Promise<boolean> {
    if (this.stopped) return false;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, this.delayMs);
      this.timers.add(timer);
    });
    return !this.stopped;
  }

  private async runMessage(message: SandboxMessage): Promise<void> {
    for (const step of messageStepsFor(message.to)) {
      if (!(await this.tick())) return;
      applyMessageStep(message, step, new Date());
      this.log.info({ sid: message.sid, status: message.status }, 'message status changed');
      if (message.statusCallback) {
        await this.poster.post('message-status', message.sid, message.statusCallback, messageStatusParams(message));
      }
    }
  }

  private async runCall(call: SandboxCall, bridged = false): Promise<void> {
    let sequence = 0;
    for (const step of callStepsFor(call.to)) {
      if (!(await this.tick())) return;
      applyCallStep(call, step, new Date());
      this.log.info({ sid: call.sid, status: call.status }, 'call status changed');
      let twiml: string | null = null;
      if (step.event === 'answered' && !bridged) {
        if (call.url) {
          const answer = await this.poster.post('call-twiml', call.sid, call.url, callParams(call, step.callbackStatus));
          if (answer.body === null) call.errors.push(`11200 : ${call.url} injoignable (${answer.error ?? 'sans réponse'})`);
          else call.twiml = answer.body;
        }
        twiml = call.twiml;
      }
      if (call.statusCallback && call.statusCallbackEvents.includes(step.event)) {
        const params = { ...callParams(call, step.callbackStatus), SequenceNumber: String(sequence) };
        sequence += 1;
        await this.poster.post('call-status', call.sid, call.statusCallback, params);
      }
      if (twiml) await this.converse(call, twiml, call.url);
    }
  }

  /**
   * Plays a TwiML document to the person who answered, as Twilio does: <Say>/<Play> are heard,
   * <Gather> takes the digits scripted for this number (or times out and goes on), <Dial> places
   * the other leg and waits for it, <Redirect> and the verbs' `action` fetch the next document.
   */
  private async converse(call: SandboxCall, first: string, firstUrl: string | null): Promise<void> {
    let twiml: string | null = first;
    let documentUrl = firstUrl;
    for (let hops = 0; twiml !== null && hops < 10 && !this.stopped; hops++) {
      let response;
      try {
        response = parseTwiml(twiml);
      } catch (error) {
        call.errors.push(`12100 : TwiML illisible (${error instanceof Error ? error.message : String(error)})`);
        return;
      }
      twiml = null;
      for (const verb of response.children) {
        if (verb.name === 'Say' || verb.name === 'Play') {
          call.heard.push(...spokenTexts({ ...response, children: [verb] }));
        } else if (verb.name === 'Hangup' || verb.name === 'Reject') {
          return;
        } else if (verb.name === 'Redirect') {
          documentUrl = resolveUrl(verb.text.trim(), documentUrl);
          twiml = await this.fetchNext('call-twiml', call, documentUrl, {});
          break;
        } else if (verb.name === 'Gather') {
          call.heard.push(...spokenTexts(verb));
          const digits = this.store?.takeKeypress(call.to) ?? null;
          if (digits === null) continue; // no key pressed: Twilio goes on with the next verb
          call.digitsPressed.push(digits);
          documentUrl = resolveUrl(verb.attributes.action ?? '', documentUrl);
          twiml = await this.fetchNext('call-gather', call, documentUrl, { Digits: digits, FinishedOnKey: '' });
          break;
        } else if (verb.name === 'Dial') {
          const leg = await this.dial(call, verb);
          if (!verb.attributes.action) continue;
          documentUrl = resolveUrl(verb.attributes.action, documentUrl);
          twiml = await this.fetchNext('call-dial', call, documentUrl, {
            DialCallSid: leg.sid,
            DialCallStatus: leg.status,
            DialCallDuration: String(leg.durationSeconds ?? 0),
            DialBridged: String(leg.status === 'completed'),
          });
          break;
        }
      }
    }
  }

  private async fetchNext(
    kind: 'call-twiml' | 'call-gather' | 'call-dial',
    call: SandboxCall,
    url: string | null,
    extra: Record<string, string>,
  ): Promise<string | null> {
    if (!url) {
      call.errors.push('11100 : aucune URL où poursuivre l’appel');
      return null;
    }
    const answer = await this.poster.post(kind, call.sid, url, { ...callParams(call, call.status), ...extra });
    if (answer.body === null || (answer.httpStatus ?? 500) >= 400) {
      call.errors.push(`11200 : ${url} a répondu ${answer.httpStatus ?? answer.error}`);
      return null;
    }
    return answer.body;
  }

  /** <Dial><Number>: the second leg, a child call from the Dial's callerId, run to its end. */
  private async dial(parent: SandboxCall, verb: TwimlElement): Promise<SandboxCall> {
    const number = verb.children.find((c) => c.name === 'Number');
    const to = (number?.text ?? verb.text).trim();
    const events = (number?.attributes.statusCallbackEvent ?? 'completed').split(/[\s,]+/).filter(Boolean);
    const leg = newSandboxCall({
      accountSid: parent.accountSid,
      from: verb.attributes.callerId ?? parent.from,
      to,
      url: null,
      twiml: null,
      statusCallback: number?.attributes.statusCallback ?? null,
      statusCallbackEvents: events,
      parentCallSid: parent.sid,
      direction: 'outbound-dial',
    });
    this.store?.calls.push(leg);
    await this.runCall(leg, true);
    return leg;
  }
}

/** A verb's URL, relative to the document it came from, as Twilio resolves it. */
function resolveUrl(url: string, base: string | null): string | null {
  if (!url) return base;
  try {
    return new URL(url, base ?? undefined).toString();
  } catch {
    return null;
  }
}

export function applyMessageStep(message: SandboxMessage, step: MessageStep, now: Date): void {
  message.status = step.status;
  message.errorCode = step.errorCode;
  message.errorMessage = step.errorMessage;
  message.dateUpdated = now;
  if (step.status === 'sent') message.dateSent = now;
  message.statusHistory.push({ status: step.status, at: now });
}

export function applyCallStep(call: SandboxCall, step: CallStep, now: Date): void {
  call.status = step.status;
  call.dateUpdated = now;
  if (step.event === 'answered') call.startTime = now;
  if (step.answeredBy) call.answeredBy = step.answeredBy;
  if (step.event === 'completed') {
    call.endTime = now;
    call.durationSeconds = step.durationSeconds;
    call.startTime = call.startTime ?? now;
  }
  call.statusHistory.push({ status: step.callbackStatus, at: now });
}

/** The parameters Twilio posts to a message StatusCallback. */
export function messageStatusParams(m: SandboxMessage): Record<string, string> {
  const params: Record<string, string> = {
    AccountSid: m.accountSid,
    ApiVersion: API_VERSION,
    MessageSid: m.sid,
    MessageStatus: m.status,
    SmsSid: m.sid,
    SmsStatus: m.status,
    To: m.to,
  };
  if (m.from) params.From = m.from;
  if (m.messagingServiceSid) params.MessagingServiceSid = m.messagingServiceSid;
  if (m.errorCode !== null) params.ErrorCode = String(m.errorCode);
  return params;
}

/** The parameters Twilio posts to a call StatusCallback (and to the call's Url). */
export function callParams(c: SandboxCall, callStatus: string): Record<string, string> {
  const params: Record<string, string> = {
    AccountSid: c.accountSid,
    ApiVersion: API_VERSION,
    CallSid: c.sid,
    CallStatus: callStatus,
    Called: c.to,
    Caller: c.from,
    Direction: c.direction,
    From: c.from,
    To: c.to,
    Timestamp: rfc2822(c.dateUpdated) ?? '',
    CallbackSource: 'call-progress-events',
  };
  if (c.answeredBy) params.AnsweredBy = c.answeredBy;
  if (c.parentCallSid) params.ParentCallSid = c.parentCallSid;
  if (c.durationSeconds !== null) {
    params.CallDuration = String(c.durationSeconds);
    params.Duration = String(Math.ceil(c.durationSeconds / 60));
  }
  return params;
}
