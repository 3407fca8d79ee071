import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface AnalyticsFilter {
  territory: string | null;
  from: Date;
  to: Date;
}

export interface VariantRow {
  purpose: string;
  channel: string;
  variant: string;
  templateVersions: number;
  households: number;
  responders: number;
}

export interface CoordinationRow {
  dimension: 'territory' | 'housing_sector' | 'language' | 'falc';
  value: string;
  households: number;
  before: number;
  after: number;
}

const num = (x: unknown) => Number(x ?? 0);
const DAY = 86_400_000;

/** Aggregates over analytics' own read model only (never another capability's tables). */
@Injectable()
export class AnalyticsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Households reached by each variant, and those whose household answer followed it (last touch). */
  async variantRates(f: AnalyticsFilter, answerKinds: readonly string[]): Promise<VariantRow[]> {
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT m.purpose, m.channel, m.variant, count(DISTINCT m.template_version) AS versions,
              count(DISTINCT m.household_id) AS households, count(DISTINCT r.household_id) AS responders
         FROM analytics_message m
         LEFT JOIN analytics_response r ON r.last_touch_message_id = m.message_id AND r.kind = ANY ($4::text[])
        WHERE ($1::text IS NULL OR m.territory = $1) AND m.composed_at >= $2 AND m.composed_at < $3
        GROUP BY m.purpose, m.channel, m.variant ORDER BY m.purpose, m.channel, m.variant`,
      [f.territory, f.from, f.to, answerKinds],
    );
    return rows.map((r) => ({
      purpose: String(r.purpose),
      channel: String(r.channel),
      variant: String(r.variant),
      templateVersions: num(r.versions),
      households: num(r.households),
      responders: num(r.responders),
    }));
  }

  /**
   * Households per procedure event, and those present at their hearing: whole UTC days from the
   * counters PostgreSQL keeps per (territory, step, day), the period's partial first and last days
   * counted from the rows.
   */
  async funnel(f: AnalyticsFilter, events: readonly string[]): Promise<Map<string, number>> {
    const firstWholeDay = Math.ceil(f.from.getTime() / DAY) * DAY;
    const afterLastWholeDay = Math.floor(f.to.getTime() / DAY) * DAY;
    if (firstWholeDay >= afterLastWholeDay) return this.funnelFromScratch(f, events);
    const rows: Array<{ step: string; n: string }> = await this.dataSource.query(
      `SELECT step, sum(households) AS n FROM analytics_funnel_day
        WHERE ($1::text IS NULL OR territory = $1) AND day >= $2::date AND day < $3::date AND (step = ANY ($4::text[]) OR step = 'present_at_hearing')
        GROUP BY step`,
      [f.territory, new Date(firstWholeDay).toISOString().slice(0, 10), new Date(afterLastWholeDay).toISOString().slice(0, 10), events],
    );
    const counts = new Map(rows.map((r) => [r.step, num(r.n)]));
    const edges = [
      { from: f.from, to: new Date(firstWholeDay) },
      { from: new Date(afterLastWholeDay), to: f.to },
    ].filter((e) => e.from < e.to);
    for (const edge of edges)
      for (const [step, n] of await this.funnelFromScratch({ ...f, ...edge }, events)) counts.set(step, (counts.get(step) ?? 0) + n);
    return counts;
  }

  /** The funnel counted from the rows themselves: partial days, and what the counters must always equal (tests, benchmark). */
  async funnelFromScratch(f: AnalyticsFilter, events: readonly string[]): Promise<Map<string, number>> {
    const rows: Array<{ step: string; n: string }> = await this.dataSource.query(
      `SELECT event AS step, count(*) AS n FROM analytics_stage
        WHERE ($1::text IS NULL OR territory = $1) AND occurred_at >= $2 AND occurred_at < $3 AND event = ANY ($4::text[])
        GROUP BY event
       UNION ALL
       SELECT 'present_at_hearing', count(*) FROM analytics_stage s
        WHERE s.event = 'audience' AND ($1::text IS NULL OR s.territory = $1) AND s.occurred_at >= $2 AND s.occurred_at < $3
          AND EXISTS (SELECT 1 FROM analytics_response r WHERE r.household_id = s.household_id AND r.kind = 'present_at_hearing')`,
      [f.territory, f.from, f.to, events],
    );
    return new Map(rows.map((r) => [r.step, num(r.n)]));
  }

  /** Messages per household: what partners asked to send (before coordination) and what was sent (after), by dimension. */
  async coordination(f: AnalyticsFilter): Promise<CoordinationRow[]> {
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `WITH by_purpose AS (
         SELECT household_id, purpose, max(absorbed_requests) AS requests, count(*) AS messages,
                max(territory) AS territory, max(housing_sector) AS sector, max(locale) AS locale
           FROM analytics_message
          WHERE ($1::text IS NULL OR territory = $1) AND composed_at >= $2 AND composed_at < $3
          GROUP BY household_id, purpose),
       per AS (
         SELECT household_id, max(territory) AS territory, coalesce(max(sector), 'inconnu') AS sector, max(locale) AS locale,
                sum(requests) AS before, sum(messages) AS after
           FROM by_purpose GROUP BY household_id)
       SELECT d.dimension, d.value, count(*) AS households, sum(before) AS before, sum(after) AS after
         FROM per, LATERAL (VALUES ('territory', territory), ('housing_sector', sector),
                                   ('language', CASE WHEN locale = 'fr-falc' THEN 'fr' ELSE locale END),
                                   ('falc', CASE WHEN locale = 'fr-falc' THEN 'oui' ELSE 'non' END)) AS d(dimension, value)
        GROUP BY d.dimension, d.value ORDER BY d.dimension, d.value`,
      [f.territory, f.from, f.to],
    );
    return rows.map((r) => ({
      dimension: r.dimension as CoordinationRow['dimension'],
      value: String(r.value),
      households: num(r.households),
      before: num(r.before),
      after: num(r.after),
    }));
  }

  /** The counts the charter's indicators read (keys as `charterFigures` expects them). */
  async charterCounts(f: AnalyticsFilter, purposes: readonly string[]): Promise<Map<string, number>> {
    const rows: Array<{ key: string; n: string }> = await this.dataSource.query(
      `WITH stages AS (
         SELECT * FROM analytics_stage WHERE ($1::text IS NULL OR territory = $1) AND occurred_at >= $2 AND occurred_at < $3),
       sector_of AS (SELECT DISTINCT ON (household_id) household_id, territory, housing_sector FROM analytics_stage ORDER BY household_id, occurred_at DESC),
       responses AS (
         SELECT r.household_id, r.kind, r.qualifier, s.housing_sector FROM analytics_response r
           LEFT JOIN sector_of s ON s.household_id = r.household_id
          WHERE ($1::text IS NULL OR coalesce(s.territory, r.territory) = $1) AND r.occurred_at >= $2 AND r.occurred_at < $3)
       SELECT 'stage:' || event AS key, count(*) AS n FROM stages GROUP BY event
       UNION ALL SELECT 'stage:' || event || ':' || housing_sector, count(*) FROM stages WHERE housing_sector IS NOT NULL GROUP BY event, housing_sector
       UNION ALL SELECT 'response:' || kind, count(DISTINCT household_id) FROM responses GROUP BY kind
       UNION ALL SELECT 'response:' || kind || ':' || housing_sector, count(DISTINCT household_id) FROM responses WHERE housing_sector IS NOT NULL GROUP BY kind, housing_sector
       UNION ALL SELECT 'response:' || kind || ':' || qualifier, count(DISTINCT household_id) FROM responses WHERE qualifier IS NOT NULL GROUP BY kind, qualifier
       UNION ALL SELECT 'purpose:' || purpose, count(DISTINCT household_id) FROM analytics_message
                  WHERE purpose = ANY ($4::text[]) AND ($1::text IS NULL OR territory = $1) AND composed_at >= $2 AND composed_at < $3 GROUP BY purpose
       UNION ALL SELECT 'ccapex:' || r.kind, count(DISTINCT r.household_id) FROM stages s
                  JOIN analytics_response r ON r.household_id = s.household_id AND r.occurred_at >= s.occurred_at AND r.occurred_at < s.occurred_at + interval '1 year'
                 WHERE s.event = 'saisine_ccapex' GROUP BY r.kind`,
      [f.territory, f.from, f.to, purposes],
    );
    return new Map(rows.map((r) => [r.key, num(r.n)]));
  }
}
