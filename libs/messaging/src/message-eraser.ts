import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ErasureSubject, PersonalDataEraser } from '@unisson/platform';

/** Retention: the words and addresses of the messages sent to erased households go; their statuses and channels stay (statistics). */
@Injectable()
export class MessageEraser extends PersonalDataEraser {
  readonly name = 'messaging';

  async erase(manager: EntityManager, subject: ErasureSubject): Promise<void> {
    await manager.query(
      `UPDATE outbound_message SET recipient = '[effacé]', subject = NULL, body = '[effacé]', body_html = NULL
        WHERE household_id = ANY($1::uuid[]) AND body <> '[effacé]'`,
      [subject.householdIds],
    );
  }
}
