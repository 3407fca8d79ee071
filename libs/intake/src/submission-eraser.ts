import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ErasureSubject, PersonalDataEraser } from '@unisson/platform';

/** Retention: partners' processed submissions about erased households keep their reference and outcome, not their body. */
@Injectable()
export class SubmissionEraser extends PersonalDataEraser {
  readonly name = 'intake';

  async erase(manager: EntityManager, subject: ErasureSubject): Promise<void> {
    if (subject.records.length === 0) return;
    await manager.query(
      `UPDATE partner_submission s SET payload = jsonb_build_object('partnerRef', s.payload->'partnerRef', 'erased', true)
         FROM unnest($1::uuid[], $2::text[]) AS r(partner_id, partner_ref)
        WHERE s.partner_id = r.partner_id AND s.payload->>'partnerRef' = r.partner_ref AND s.processed_at IS NOT NULL
          AND NOT (s.payload ? 'erased')`,
      [subject.records.map((r) => r.partnerId), subject.records.map((r) => r.partnerRef)],
    );
  }
}
