import { Injectable } from '@nestjs/common';
import { LetterOutcomes } from '@unisson/letters';
import { MessagesRepository } from './messages.repository';
import { ProviderStatusUpdates } from './provider-status-updates';

/** Messaging's side of the letters' port: the provider's verdicts move the letter messages on. */
@Injectable()
export class LetterOutcomeUpdates extends LetterOutcomes {
  constructor(
    private readonly messages: MessagesRepository,
    private readonly statusUpdates: ProviderStatusUpdates,
  ) {
    super();
  }

  /** Posted: the message stays `sent` (handed over); nothing the plan needs to hear. */
  async posted(): Promise<void> {}

  async delivered(messageId: string): Promise<void> {
    const message = await this.messages.findById(messageId);
    if (message)
      await this.statusUpdates.apply(message, { providerStatus: 'delivered', providerMessageId: null, errorCode: null, source: 'letters' });
  }

  /** Undelivered, without a second outcome: the returned letter's response gives the contact its `npai` outcome. */
  async returned(messageId: string): Promise<void> {
    const message = await this.messages.findById(messageId);
    if (message)
      await this.statusUpdates.apply(
        message,
        { providerStatus: 'undelivered', providerMessageId: null, errorCode: 'NPAI', source: 'letters' },
        { reportOutcome: false },
      );
  }
}
