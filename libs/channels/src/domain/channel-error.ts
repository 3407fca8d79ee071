/**
 * The one error type the channel adapters throw. `retryable` tells the sending job whether
 * trying again later can succeed (provider outage, network, rate limit) or not (the request
 * itself is wrong: invalid number, missing body, unsubscribed recipient).
 */
import type { DispatchChannel } from '@unisson/vocabulary';

/** The channels a sender can serve (served acts are the commissaire's, never sent). */
export type ChannelName = DispatchChannel;

export class ChannelError extends Error {
  constructor(
    readonly channel: ChannelName,
    /** provider error code ('21211', '550') or a transport code ('NETWORK', 'INVALID_REQUEST') */
    readonly code: string,
    readonly retryable: boolean,
    message: string,
    /** HTTP status (Twilio) or SMTP reply code, when the provider answered */
    readonly status: number | null = null,
    /**
     * True when the request may have reached the provider despite the error (a timeout or a
     * dropped connection after the request left, a 5xx): reconcile with the provider before retrying.
     */
    readonly maybeAccepted = false,
  ) {
    super(message);
    this.name = 'ChannelError';
  }
}
