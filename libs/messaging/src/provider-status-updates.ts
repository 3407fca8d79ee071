import { Injectable } from '@nestjs/common';
import { ContactOutcomeReporter } from './contact-outcome-reporter';
import { statusFromTwilio, statusFromTwilioCall } from './domain/message-status';
import { OutboundMessage } from './entities/outbound-message.entity';
import { MessagesRepository } from './messages.repository';

/**
 * A provider's word on a message it accepted, from a status callback or fetched when the
 * callbacks were lost: the message moves on (only forward) and the engine hears the outcome.
 */
@Injectable()
export class ProviderStatusUpdates {
  constructor(
    private readonly messages: MessagesRepository,
    private readonly outcomes: ContactOutcomeReporter,
  ) {}

  async apply(
    message: OutboundMessage,
    update: { providerStatus: string; providerMessageId: string | null; errorCode: string | null; source: string },
    options: { reportOutcome: boolean } = { reportOutcome: true },
  ): Promise<boolean> {
    // A spoken message is a call: Twilio's call statuses, not its message statuses.
    const to = message.channel === 'voice' ? statusFromTwilioCall(update.providerStatus) : statusFromTwilio(update.providerStatus);
    if (!to) return false;
    const now = new Date();
    const changed = await this.messages.transition(message.id, {
      to,
      source: update.source,
      providerStatus: update.providerStatus,
      errorCode: update.errorCode,
      set:
        to === 'delivered'
          ? { deliveredAt: now }
          : to === 'sent'
            ? { providerMessageId: update.providerMessageId ?? message.providerMessageId, sentAt: message.sentAt ?? now }
            : { failedAt: now, lastErrorCode: update.errorCode },
    });
    if (changed && options.reportOutcome) await this.outcomes.messageReached(changed, to);
    return changed !== null;
  }
}
