import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** The engine's public reader of aggregates (operators' overview): intents, plans, contacts by status. */
@Injectable()
export class CoordinationFiguresReader {
  constructor(private readonly dataSource: DataSource) {}

  async figures(): Promise<{
    intents: number;
    plans: number;
    contactsByStatus: Record<string, number>;
    /** Contacts sent or to come, by purpose and channel (what they cost partners). */
    contactsByPurposeAndChannel: Array<{ purpose: string; channel: string; count: number }>;
  }> {
    const [[intents], [plans], contacts, byPurpose] = await Promise.all([
      this.dataSource.query(`SELECT count(*)::int AS n FROM contact_intent`) as Promise<Array<{ n: number }>>,
      this.dataSource.query(`SELECT count(*)::int AS n FROM contact_plan`) as Promise<Array<{ n: number }>>,
      this.dataSource.query(`SELECT status AS k, count(*)::int AS n FROM planned_contact GROUP BY status`) as Promise<
        Array<{ k: string; n: number }>
      >,
      this.dataSource.query(
        `SELECT purpose, channel, count(*)::int AS n FROM planned_contact WHERE status IN ('planned', 'handedOff') GROUP BY purpose, channel`,
      ) as Promise<Array<{ purpose: string; channel: string; n: number }>>,
    ]);
    return {
      intents: intents.n,
      plans: plans.n,
      contactsByStatus: Object.fromEntries(contacts.map((c) => [c.k, c.n])),
      contactsByPurposeAndChannel: byPurpose.map((r) => ({ purpose: r.purpose, channel: r.channel, count: r.n })),
    };
  }
}
