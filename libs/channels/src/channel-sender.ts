/**
 * The one port every channel plugs into. Messaging's dispatch owns the message's durable state
 * (claim, sent, failed, retry); a channel sender only knows how to hand one message to its
 * provider, and how to tell, after a crash, whether the provider already has it.
 *
 * Immediate channels (SMS, e-mail, voice) call their provider inside `send`. Batched channels
 * (letters) accept the message into their own batch stage inside `send` and report the provider's
 * later verdicts (printed, delivered, returned) through messaging's status updates.
 */
import type { ChannelName } from './domain/channel-error';

/** What a sender needs of an outbound message: plain data, no entity. */
export interface OutboundDelivery {
  messageId: string;
  /** The message's idempotency key: a sender that can pass it to its provider must. */
  idempotencyKey: string;
  /** The planned contact the message carries out, when the coordination engine planned it. */
  plannedContactKey: string | null;
  channel: ChannelName;
  householdId: string;
  purpose: string;
  locale: string;
  /** E.164 phone number, e-mail address, or the postal address block (one line per line). */
  recipient: string;
  subject: string | null;
  body: string;
  bodyHtml: string | null;
  templateKey: string;
  templateVersion: string;
  variant: string;
  /** Lead partner first, then co-signers. */
  signingPartnerIds: string[];
}

export interface DeliveryReceipt {
  providerMessageId: string;
  /** The provider's own word for the message's state when it took it ('queued', 'batched'…). */
  providerStatus?: string;
}

/**
 * After a crash between "claimed" and "recorded": `accepted` means the provider has the message
 * (never send again); `notAccepted` means it certainly does not (safe to send); `unknown` means
 * the provider cannot be asked (the sender decides in `send` how to stay idempotent).
 */
export type ProviderLookup = { kind: 'accepted'; receipt: DeliveryReceipt } | { kind: 'notAccepted' } | { kind: 'unknown' };

/**
 * What dispatch lends a sender during one send, for the moment right before the provider can no
 * longer refuse the message (SMTP: before the final dot of DATA). A sender whose provider cannot
 * be asked afterwards calls `beforeHandover`: it resolves once that moment is recorded in
 * PostgreSQL (after a crash, a message never handed over is known not to have reached the
 * provider and is sent again; one handed over is not). A sender whose provider can be asked calls
 * `confirmClaim` instead, which costs nothing. Both throw `ClaimLapsedError` when this worker no
 * longer holds the message (its claim outlived its lease, recovery may be sending it): the sender
 * must then not hand it over, and lets that error through unchanged.
 */
export interface SendProgress {
  beforeHandover(): Promise<void>;
  confirmClaim(): void;
}

/** This worker's claim on a message lapsed before the hand-over: it must not reach the provider from here. */
export class ClaimLapsedError extends Error {
  constructor(readonly messageId: string) {
    super(`message ${messageId}: this worker's claim lapsed before the hand-over; nothing was handed over`);
    this.name = 'ClaimLapsedError';
  }
}

/** The provider's pace for one message: `cost` units (SMS parts) of `perSecond` on the bucket `key`. */
export interface Throttle {
  key: string;
  cost: number;
  perSecond: number;
}

export abstract class ChannelSender {
  abstract readonly channel: ChannelName;
  /** Hands the message to the provider (or to the channel's batch stage). Throws ChannelError. */
  abstract send(delivery: OutboundDelivery, progress?: SendProgress): Promise<DeliveryReceipt>;
  /** Whether the provider already accepted this message, claimed at `claimedAt`. */
  abstract lookup(delivery: OutboundDelivery, claimedAt: Date): Promise<ProviderLookup>;
  /**
   * The provider's current word on a message it accepted (for lost status callbacks), or null
   * when the provider cannot be asked. Senders without status updates keep this default.
   */
  async providerStatus(_delivery: OutboundDelivery, _providerMessageId: string): Promise<string | null> {
    return null;
  }
  /** The rate bucket a message counts against, or null when the provider sets no pace. */
  throttle(_delivery: OutboundDelivery): Throttle | null {
    return null;
  }
  /**
   * How many of this channel's messages are worth preparing at once (opened, rendered), or null
   * for no limit: beyond it they would only wait for the provider's connections, their bodies
   * in memory (decision 0028).
   */
  maxInFlight(): number | null {
    return null;
  }
}

/** The senders of a running process, one per channel. */
export class ChannelSenderRegistry {
  private readonly byChannel = new Map<ChannelName, ChannelSender>();

  constructor(senders: readonly ChannelSender[]) {
    for (const sender of senders) {
      if (this.byChannel.has(sender.channel)) throw new Error(`Two senders for channel ${sender.channel}: keep one.`);
      this.byChannel.set(sender.channel, sender);
    }
  }

  /** The sender of a channel, or null when this process has none for it. */
  senderFor(channel: ChannelName): ChannelSender | null {
    return this.byChannel.get(channel) ?? null;
  }

  get channels(): ChannelName[] {
    return [...this.byChannel.keys()];
  }
}
