import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ChannelError, ChannelSenderRegistry, OutboundDelivery } from '@unisson/channels';
import { HouseholdsRepository } from '@unisson/households';
import { OutboundMessage } from './entities/outbound-message.entity';
import { MessagesRepository } from './messages.repository';

/** How long a message may stay in "sending" before we assume its worker died. */
export const STUCK_SENDING_MS = 2 * 60_000;

export type DispatchOutcome = 'sent' | 'failed' | 'suppressed' | 'not-due' | 'already-handled' | 'unknown' | 'recovered';

/** Thrown for a failure worth retrying later (the job's backoff decides when). */
export class RetryLaterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RetryLaterError';
  }
}

/** The plain data a channel sender gets of a message. */
export function deliveryOf(message: OutboundMessage): OutboundDelivery {
  return {
    messageId: message.id,
    idempotencyKey: message.idempotencyKey,
    channel: message.channel,
    householdId: message.householdId,
    purpose: message.purpose,
    locale: message.locale,
    recipient: message.recipient,
    subject: message.subject,
    body: message.body,
    bodyHtml: message.bodyHtml,
    templateKey: message.templateKey,
    templateVersion: message.templateVersion,
    variant: message.variant,
    signingPartnerIds: message.signingPartnerIds,
  };
}

/**
 * Sends one message exactly once, whatever its channel: each channel's sender sits behind the
 * `ChannelSender` port. The status row in Postgres is the lock: only the caller that moves it
 * from "queued" to "sending" may call the sender; a message found in "sending" after a crash is
 * reconciled with the provider before anything is resent.
 */
@Injectable()
export class MessageDispatchService {
  private readonly logger = new Logger('MessageDispatch');

  constructor(
    private readonly messages: MessagesRepository,
    private readonly households: HouseholdsRepository,
    private readonly dataSource: DataSource,
    private readonly senders: ChannelSenderRegistry,
  ) {}

  async dispatch(messageId: string, now: Date = new Date()): Promise<DispatchOutcome> {
    const message = await this.messages.findById(messageId);
    if (!message) return 'unknown';
    if (message.status === 'sending') return this.recover(message, now);
    if (message.status !== 'queued') return 'already-handled';
    if (message.notBefore > now) return 'not-due';
    const optedOut = await this.households.optedOutChannels(this.dataSource.manager, message.householdId);
    if (optedOut.has(message.channel)) {
      await this.messages.transition(message.id, { to: 'suppressed', source: 'worker', errorCode: 'OPTED_OUT' }, 'queued');
      return 'suppressed';
    }
    const claimed = await this.messages.transition(
      message.id,
      { to: 'sending', source: 'worker', set: { sendingStartedAt: now } },
      'queued',
    );
    if (!claimed) return 'already-handled';
    return this.send(claimed);
  }

  private async send(message: OutboundMessage): Promise<DispatchOutcome> {
    try {
      const providerMessageId = await this.callProvider(message);
      await this.messages.transition(
        message.id,
        { to: 'sent', source: 'worker', set: { providerMessageId, sentAt: new Date() } },
        'sending',
      );
      this.logger.log({ messageId: message.id, channel: message.channel }, 'message sent');
      return 'sent';
    } catch (error) {
      if (error instanceof ChannelError && !error.retryable) {
        await this.messages.transition(
          message.id,
          { to: 'failed', source: 'worker', errorCode: error.code, set: { failedAt: new Date(), lastErrorCode: error.code } },
          'sending',
        );
        this.logger.warn({ messageId: message.id, code: error.code }, 'provider refused the message');
        return 'failed';
      }
      const code = error instanceof ChannelError ? error.code : 'UNEXPECTED';
      await this.messages.transition(
        message.id,
        { to: 'queued', source: 'worker', errorCode: code, set: { lastErrorCode: code } },
        'sending',
      );
      throw new RetryLaterError(`sending message ${message.id} failed (${code}); it will be retried`);
    }
  }

  private async callProvider(message: OutboundMessage): Promise<string> {
    const sender = this.senders.senderFor(message.channel);
    if (!sender) {
      throw new ChannelError(message.channel, 'CHANNEL_NOT_AVAILABLE', false, `channel ${message.channel} has no sender in this process`);
    }
    const receipt = await sender.send(deliveryOf(message));
    return receipt.providerMessageId;
  }

  /**
   * A message left in "sending": its worker died after claiming it. Its channel's sender is asked
   * whether the provider accepted it; only if it did not (or cannot tell) is the message sent
   * again, and senders that cannot tell keep their resend idempotent (an e-mail keeps its
   * Message-ID, which receiving systems use to drop duplicates).
   */
  private async recover(message: OutboundMessage, now: Date): Promise<DispatchOutcome> {
    const startedAt = message.sendingStartedAt ?? message.updatedAt;
    if (now.getTime() - startedAt.getTime() < STUCK_SENDING_MS) {
      throw new RetryLaterError(`message ${message.id} is being sent by another worker`);
    }
    const sender = this.senders.senderFor(message.channel);
    const lookup = sender ? await sender.lookup(deliveryOf(message), startedAt) : { kind: 'notAccepted' as const };
    if (lookup.kind === 'accepted') {
      await this.messages.transition(
        message.id,
        {
          to: 'sent',
          source: 'reconciler',
          providerStatus: lookup.receipt.providerStatus ?? null,
          set: { providerMessageId: lookup.receipt.providerMessageId, sentAt: startedAt },
        },
        'sending',
      );
      return 'recovered';
    }
    const requeued = await this.messages.transition(message.id, { to: 'queued', source: 'reconciler' }, 'sending');
    if (!requeued) return 'already-handled';
    return this.dispatch(message.id, now);
  }
}
