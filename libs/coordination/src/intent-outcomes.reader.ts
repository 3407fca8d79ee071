import { DataSource } from 'typeorm';

/** What became of a family of intents (all those whose idempotency key starts with a prefix). */
export interface IntentOutcomes {
  intents: number;
  households: number;
  /** Planned contacts that carry at least one of the intents, by status (planned, handedOff, cancelled…). */
  contactsByStatus: Record<string, number>;
  contactsByChannel: Record<string, number>;
  /** Households that answered after `since`. */
  householdsResponded: number;
}

/** The engine's public reader for campaigns' results: counts only. */
export class IntentOutcomesReader {
  constructor(private readonly dataSource: DataSource) {}

  async outcomes(idempotencyKeyPrefix: string, since: Date | null): Promise<IntentOutcomes> {
    const prefix = `${idempotencyKeyPrefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const [totals] = (await this.dataSource.query(
      `SELECT count(*)::int AS intents, count(DISTINCT household_id)::int AS households FROM contact_intent WHERE idempotency_key LIKE $1`,
      [prefix],
    )) as Array<{ intents: number; households: number }>;
    const contacts: Array<{ status: string; channel: string; count: number }> = await this.dataSource.query(
      `SELECT c.status::text AS status, c.channel, count(*)::int AS count
         FROM planned_contact c
        WHERE c.absorbed_intent_ids && ARRAY(SELECT id::text FROM contact_intent WHERE idempotency_key LIKE $1)
        GROUP BY 1, 2`,
      [prefix],
    );
    const [responded] = (await this.dataSource.query(
      `SELECT count(DISTINCT e.household_id)::int AS count FROM coordination_event e
        WHERE e.type = 'householdResponded' AND e.at >= $2
          AND e.household_id IN (SELECT household_id FROM contact_intent WHERE idempotency_key LIKE $1)`,
      [prefix, since ?? new Date(0)],
    )) as Array<{ count: number }>;
    const byStatus: Record<string, number> = {};
    const byChannel: Record<string, number> = {};
    for (const c of contacts) {
      byStatus[c.status] = (byStatus[c.status] ?? 0) + c.count;
      byChannel[c.channel] = (byChannel[c.channel] ?? 0) + c.count;
    }
    return {
      intents: totals.intents,
      households: totals.households,
      contactsByStatus: byStatus,
      contactsByChannel: byChannel,
      householdsResponded: responded.count,
    };
  }
}
