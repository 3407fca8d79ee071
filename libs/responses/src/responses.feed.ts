import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** A response as other capabilities' read models see it: identifiers and facts only. */
export interface FedResponse {
  id: string;
  householdId: string;
  kind: string;
  source: string;
  occurredAt: Date;
  messageId: string | null;
  /** Facts the reporter added (never personal data: the recorder's contract). */
  details: Record<string, string | number | boolean | null>;
  recordedAt: Date;
  /** Where a reader's cursor stands after this row (the recording time to the microsecond, and the id). */
  position: FeedPosition;
}

export interface FeedPosition {
  /** PostgreSQL's text of the recording time (microseconds kept: a JavaScript Date would lose them). */
  at: string;
  id: string;
}

/**
 * Responses in the order they were recorded, for read models (analytics): after a position, up to
 * `limit`, and only those recorded more than `settleMs` ago so that a row committed late is never
 * skipped by a cursor that already moved past its timestamp.
 */
@Injectable()
export class ResponsesFeed {
  constructor(private readonly dataSource: DataSource) {}

  async after(position: FeedPosition | null, limit: number, settleMs = 5000): Promise<FedResponse[]> {
    const rows: Array<{
      id: string;
      household_id: string;
      kind: string;
      source: string;
      occurred_at: Date;
      message_id: string | null;
      details: Record<string, string | number | boolean | null> | null;
      recorded_at: Date;
      position_at: string;
    }> = await this.dataSource.query(
      `SELECT id, household_id, kind, source, occurred_at, message_id, details, recorded_at, recorded_at::text AS position_at FROM response_event
        WHERE recorded_at <= now() - make_interval(secs => $4::double precision / 1000)
          AND ($1::timestamptz IS NULL OR (recorded_at, id) > ($1::timestamptz, $2::uuid))
        ORDER BY recorded_at, id LIMIT $3`,
      [position?.at ?? null, position?.id ?? '00000000-0000-0000-0000-000000000000', limit, settleMs],
    );
    return rows.map((r) => ({
      id: r.id,
      householdId: r.household_id,
      kind: r.kind,
      source: r.source,
      occurredAt: r.occurred_at,
      messageId: r.message_id,
      details: r.details ?? {},
      recordedAt: r.recorded_at,
      position: { at: r.position_at, id: r.id },
    }));
  }
}
