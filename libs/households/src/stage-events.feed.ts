import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
/** Where a reader's cursor stands: PostgreSQL's text of the recording time (microseconds kept) and the id. */
export interface StageFeedPosition {
  at: string;
  id: string;
}

/** A procedure event as read models see it: the household's territory and housing sector, no person. */
export interface FedStageEvent {
  id: string;
  householdId: string;
  territory: string;
  housingSector: string | null;
  type: string;
  occurredOn: string;
  recordedAt: Date;
  position: StageFeedPosition;
}

/** Stage events in the order they were recorded, after a position (see ResponsesFeed for the settling delay). */
@Injectable()
export class StageEventsFeed {
  constructor(private readonly dataSource: DataSource) {}

  async after(position: StageFeedPosition | null, limit: number, settleMs = 5000): Promise<FedStageEvent[]> {
    const rows: Array<{
      id: string;
      household_id: string;
      territory: string;
      housing_sector: string | null;
      type: string;
      occurred_on: string;
      recorded_at: Date;
      position_at: string;
    }> = await this.dataSource.query(
      `SELECT e.id, p.household_id, h.territory, p.housing_sector, e.type::text AS type, e.occurred_on::text AS occurred_on, e.recorded_at, e.recorded_at::text AS position_at
         FROM stage_event e JOIN procedure p ON p.id = e.procedure_id JOIN household h ON h.id = p.household_id
        WHERE e.recorded_at <= now() - make_interval(secs => $4::double precision / 1000)
          AND ($1::timestamptz IS NULL OR (e.recorded_at, e.id) > ($1::timestamptz, $2::uuid))
        ORDER BY e.recorded_at, e.id LIMIT $3`,
      [position?.at ?? null, position?.id ?? '00000000-0000-0000-0000-000000000000', limit, settleMs],
    );
    return rows.map((r) => ({
      id: r.id,
      householdId: r.household_id,
      territory: r.territory,
      housingSector: r.housing_sector,
      type: r.type,
      occurredOn: r.occurred_on,
      recordedAt: r.recorded_at,
      position: { at: r.position_at, id: r.id },
    }));
  }
}
