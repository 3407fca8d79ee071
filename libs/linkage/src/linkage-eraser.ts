import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ErasureSubject, PersonalDataEraser } from '@unisson/platform';

/** Retention: household matching forgets the erased records (their normalised fields, blocking keys and links). */
@Injectable()
export class LinkageEraser extends PersonalDataEraser {
  readonly name = 'linkage';

  async erase(manager: EntityManager, subject: ErasureSubject): Promise<void> {
    const ids = subject.records.map((r) => r.id);
    if (ids.length === 0) return;
    await manager.query(`DELETE FROM linkage_block_key WHERE record_id = ANY($1::text[])`, [ids]);
    await manager.query(`DELETE FROM linkage_link WHERE left_record_id = ANY($1::text[]) OR right_record_id = ANY($1::text[])`, [ids]);
    await manager.query(`DELETE FROM linkage_record WHERE record_id = ANY($1::text[])`, [ids]);
  }
}
