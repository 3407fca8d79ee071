import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Households' public reader of aggregates (operators' overview): counts only, never a household. */
@Injectable()
export class HouseholdFiguresReader {
  constructor(private readonly dataSource: DataSource) {}

  async figures(): Promise<{ households: number; openProceduresByStage: Array<{ stage: string; count: number }> }> {
    const [[households], stages] = await Promise.all([
      this.dataSource.query(`SELECT count(*)::int AS n FROM household`) as Promise<Array<{ n: number }>>,
      this.dataSource.query(
        `SELECT stage::text AS stage, count(*)::int AS count FROM procedure WHERE closed_at IS NULL GROUP BY stage`,
      ) as Promise<Array<{ stage: string; count: number }>>,
    ]);
    return { households: households.n, openProceduresByStage: stages };
  }
}
