import type { Logger } from 'pino';
import { callStepsFor, CallStep, messageStepsFor, MessageStep } from '../domain/magic-numbers';
import { API_VERSION, rfc2822, SandboxCall, SandboxMessage } from '../domain/twilio-resources';
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

  private async runCall(call: SandboxCall): Promise<void> {
    let sequence = 0;
    for (const step of callStepsFor(call.to)) {
      if (!(await this.tick())) return;
      applyCallStep(call, step, new Date());
      this.log.info({ sid: call.sid, status: call.status }, 'call status changed');
      if (step.event === 'answered' && call.url) {
        const answer = await this.poster.post('call-twiml', call.sid, call.url, callParams(call, step.callbackStatus));
        call.twiml = answer.body;
      }
      if (call.statusCallback && call.statusCallbackEvents.includes(step.event)) {
        const params = {
          ...callParams(call, step.callbackStatus),
          SequenceNumber: String(sequence),
        };
        sequence += 1;
        await this.poster.post('call-status', call.sid, call.statusCallback, params);
      }
    }
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
    Direction: 'outbound-api',
    From: c.from,
    To: c.to,
    Timestamp: rfc2822(c.dateUpdated) ?? '',
    CallbackSource: 'call-progress-events',
  };
  if (c.answeredBy) params.AnsweredBy = c.answeredBy;
  if (c.durationSeconds !== null) {
    params.CallDuration = String(c.durationSeconds);
    params.Duration = String(Math.ceil(c.durationSeconds / 60));
  }
  return params;
}
