import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** The engine's public reader of aggregates (operators' overview): intents, plans, contacts by status. */
@Injectable()
export class CoordinationFiguresReader {
  constructor(private readonly dataSource: DataSource) {}

  async figures(): Promise<{ intents: number; plans: number; contactsByStatus: Record<string, number> }> {
    const [[intents], [plans], contacts] = await Promise.all([
      this.dataSource.query(`SELECT count(*)::int AS n FROM contact_intent`) as Promise<Array<{ n: number }>>,
      this.dataSource.query(`SELECT count(*)::int AS n FROM contact_plan`) as Promise<Array<{ n: number }>>,
      this.dataSource.query(`SELECT status AS k, count(*)::int AS n FROM planned_contact GROUP BY status`) as Promise<
        Array<{ k: string; n: number }>
      >,
    ]);
    return { intents: intents.n, plans: plans.n, contactsByStatus: Object.fromEntries(contacts.map((c) => [c.k, c.n])) };
  }
}
