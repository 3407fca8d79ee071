import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { MessageFact } from './entities/message-fact.entity';

export type ComposedMessageFact = MessageFact;

/**
 * Messaging tells analytics of every worded message, in the transaction that stores it: the
 * read model holds the same messages as messaging, never one more or one less.
 */
@Injectable()
export class MessageFactsRecorder {
  async record(manager: EntityManager, facts: readonly ComposedMessageFact[]): Promise<void> {
    if (!facts.length) return;
    await manager
      .createQueryBuilder()
      .insert()
      .into(MessageFact)
      .values(facts.map((f) => ({ ...f })))
      .orIgnore()
      .execute();
  }
}
