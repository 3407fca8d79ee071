/**
 * Retention: a configurable time after a household's procedures have all closed
 * (RETENTION_DAYS_AFTER_CLOSE), its personal data is erased: names, addresses, phones, e-mails,
 * birth dates and CAF numbers of the partners' records, what household matching kept of them,
 * the words of the messages sent and the bodies of the partners' submissions. The rows stay
 * (counts, stages, channels, outcomes, experiment results keep working), only the person goes.
 *
 * Durable by construction (docs/decisions/0009): the due date is in PostgreSQL (the procedures'
 * `closed_at`), `household.anonymised_at` marks what is done, and the worker's reconciler loop runs
 * this every RECONCILE_EVERY_MS: a crash rolls its transaction back, the next pass does it again.
 */
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@unisson/config';
import { JobReconciler, PersonalDataEraser } from '@unisson/platform';

const BATCH = 100;
export const ERASED = '[effacé]';

/** The households whose personal data is due for erasure at `now`, with their records. */
export async function householdsDueForErasure(
  db: DataSource | EntityManager,
  retentionDays: number,
  now: Date,
  limit = BATCH,
): Promise<string[]> {
  const cutoff = new Date(now.getTime() - retentionDays * 86_400_000);
  const rows: Array<{ id: string }> = await db.query(
    `SELECT h.id FROM household h
      WHERE h.anonymised_at IS NULL
        AND EXISTS (SELECT 1 FROM procedure p WHERE p.household_id = h.id)
        AND NOT EXISTS (SELECT 1 FROM procedure p WHERE p.household_id = h.id AND (p.closed_at IS NULL OR p.closed_at > $1))
      ORDER BY h.id LIMIT $2`,
    [cutoff, limit],
  );
  return rows.map((r) => r.id);
}

@Injectable()
export class PersonalDataRetention extends JobReconciler {
  readonly name = 'households.retention';
  private readonly logger = new Logger('Retention');

  constructor(
    private readonly dataSource: DataSource,
    private readonly discovery: DiscoveryService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  private erasers(): PersonalDataEraser[] {
    return this.discovery
      .getProviders()
      .map((w) => w.instance as unknown)
      .filter((i): i is PersonalDataEraser => i instanceof PersonalDataEraser);
  }

  /** Erases what is due (a batch per pass); returns how many households were erased. */
  async reconcile(now: Date): Promise<number> {
    const due = await householdsDueForErasure(this.dataSource, this.config.retention.daysAfterClose, now);
    if (due.length === 0) return 0;
    const erased = await this.erase(due, now);
    if (erased > 0) this.logger.log({ households: erased }, 'personal data erased after the retention period');
    return erased;
  }

  async erase(householdIds: readonly string[], now: Date = new Date()): Promise<number> {
    const erasers = this.erasers();
    return this.dataSource.transaction(async (tx) => {
      // Another worker erasing the same households skips them.
      const locked: Array<{ id: string }> = await tx.query(
        `SELECT id FROM household WHERE id = ANY($1::uuid[]) AND anonymised_at IS NULL FOR UPDATE SKIP LOCKED`,
        [householdIds],
      );
      const ids = locked.map((r) => r.id);
      if (ids.length === 0) return 0;
      const records: Array<{ id: string; partner_id: string; partner_ref: string }> = await tx.query(
        `SELECT id, partner_id, partner_ref FROM partner_record WHERE household_id = ANY($1::uuid[])`,
        [ids],
      );
      for (const eraser of erasers)
        await eraser.erase(tx, {
          householdIds: ids,
          records: records.map((r) => ({ id: r.id, partnerId: r.partner_id, partnerRef: r.partner_ref })),
        });
      // The postal code stays (aggregates by territory); the person does not.
      await tx.query(
        `UPDATE partner_record SET last_name = $2, first_name = $2, birth_date = NULL, street = $2, address_extra = NULL, city = $2,
                phone = NULL, email = NULL, phone_index = NULL, email_index = NULL, caf_number = NULL, updated_at = now()
          WHERE household_id = ANY($1::uuid[])`,
        [ids, ERASED],
      );
      await tx.query(`UPDATE household SET anonymised_at = $2 WHERE id = ANY($1::uuid[])`, [ids, now]);
      return ids.length;
    });
  }
}
