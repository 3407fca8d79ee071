import { Injectable, Logger } from '@nestjs/common';
import { CoordinationService } from '@unisson/coordination';
import { MessageStatus } from './domain/message-status';

const OUTCOME_OF_STATUS: Partial<Record<MessageStatus, 'delivered' | 'undelivered' | 'failed'>> = {
  delivered: 'delivered',
  undelivered: 'undelivered',
  failed: 'failed',
};

/**
 * Tells the coordination engine what became of its contacts and of the household: a message
 * undelivered moves the plan to the next channel; an opt-out re-plans the household (a reply is a
 * response event: `ResponseRecorder` tells the engine).
 */
@Injectable()
export class ContactOutcomeReporter {
  private readonly logger = new Logger('ContactOutcomeReporter');

  constructor(private readonly coordination: CoordinationService) {}

  async messageReached(message: { plannedContactKey: string | null }, status: MessageStatus): Promise<void> {
    const contactKey = message.plannedContactKey;
    const outcome = OUTCOME_OF_STATUS[status];
    if (!contactKey || !outcome) return;
    await this.coordination.recordOutcome(contactKey, outcome);
  }

  async householdOptedOut(householdIds: string[]): Promise<void> {
    for (const householdId of householdIds) await this.coordination.replan(householdId);
    if (householdIds.length) this.logger.log({ households: householdIds.length }, 'plans updated after an opt-out');
  }
}
