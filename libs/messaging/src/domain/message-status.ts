/**
 * The life of an outbound message. Durable in Postgres; every change is a conditional update
 * from an allowed status, so two workers (or a crash and a retry) can never both send.
 *
 *   queued ──► sending ──► sent ──► delivered
 *     │           │          ├────► undelivered
 *     │           │          └────► failed
 *     │           ├──► failed (provider refused, not retryable)
 *     │           └──► suppressed (opted out after the claim)
 *     └──► cancelled | suppressed (opt-out, obsolete)
 */
export const MESSAGE_STATUSES = ['queued', 'sending', 'sent', 'delivered', 'undelivered', 'failed', 'cancelled', 'suppressed'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

export { DISPATCH_CHANNELS as CHANNELS, type DispatchChannel as Channel } from '@unisson/vocabulary';

const ALLOWED: Record<MessageStatus, readonly MessageStatus[]> = {
  queued: ['sending', 'cancelled', 'suppressed', 'failed'],
  sending: ['sent', 'failed', 'queued', 'suppressed'],
  sent: ['delivered', 'undelivered', 'failed'],
  delivered: [],
  undelivered: [],
  failed: [],
  cancelled: [],
  suppressed: [],
};

export function canTransition(from: MessageStatus, to: MessageStatus): boolean {
  return ALLOWED[from].includes(to);
}

/** The statuses from which a move to `to` is allowed (for conditional SQL updates). */
export function statusesAllowingTransitionTo(to: MessageStatus): MessageStatus[] {
  return MESSAGE_STATUSES.filter((from) => ALLOWED[from].includes(to));
}

export function isFinal(status: MessageStatus): boolean {
  return ALLOWED[status].length === 0;
}

/** Twilio's message statuses mapped onto ours; `null` for intermediate ones we do not track. */
export function statusFromTwilio(twilioStatus: string): MessageStatus | null {
  switch (twilioStatus) {
    case 'sent':
      return 'sent';
    case 'delivered':
    case 'read':
      return 'delivered';
    case 'undelivered':
      return 'undelivered';
    case 'failed':
      return 'failed';
    default:
      return null; // accepted, queued, sending, scheduled…
  }
}

/**
 * Twilio's call statuses mapped onto a spoken message's: a call that rang through to the end was
 * heard (by a person or a voicemail); busy, unanswered, failed or cancelled calls did not reach
 * the household (the plan moves to its next channel). `null` for the steps in between.
 */
export function statusFromTwilioCall(callStatus: string): MessageStatus | null {
  switch (callStatus) {
    case 'completed':
      return 'delivered';
    case 'busy':
    case 'no-answer':
    case 'canceled':
    case 'failed':
      return 'undelivered';
    default:
      return null; // queued, initiated, ringing, in-progress
  }
}
