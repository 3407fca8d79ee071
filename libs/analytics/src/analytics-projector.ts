import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ExperimentsService } from '@unisson/experiments';
import { StageEventsFeed } from '@unisson/households';
import { JobReconciler } from '@unisson/platform';
import { FeedPosition, FedResponse, ResponsesFeed } from '@unisson/responses';
import {
  DEFAULT_RESPONSE_WINDOW_DAYS,
  PARTNER_OUTCOME_WINDOW_DAYS,
  REPORTABLE_OUTCOMES,
  RESPONSE_WINDOW_DAYS_BY_PURPOSE,
} from './domain/attribution';

const BATCH = 2000;
const windows = JSON.stringify(RESPONSE_WINDOW_DAYS_BY_PURPOSE);

/**
 * Keeps analytics' read model up to date from the responses' and households' feeds (their public
 * readers): each response gets its last and first touch, experiments learn of primary responses.
 * Runs in the worker's reconciler loop and before analysts read; idempotent (a row is projected
 * once, the cursor moves only after its batch is written).
 */
@Injectable()
export class AnalyticsProjector extends JobReconciler {
  readonly name = 'analytics-projector';
  private readonly logger = new Logger('AnalyticsProjector');
  private running: Promise<number> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly responses: ResponsesFeed,
    private readonly stageEvents: StageEventsFeed,
    private readonly experiments: ExperimentsService,
  ) {
    super();
  }

  reconcile(): Promise<number> {
    return this.catchUp();
  }

  /** Projects everything recorded so far (settled); returns how many rows it projected. */
  catchUp(settleMs = 5000): Promise<number> {
    if (!this.running) this.running = this.run(settleMs).finally(() => (this.running = null));
    return this.running;
  }

  private async run(settleMs: number): Promise<number> {
    let total = 0;
    for (;;) {
      const batch = await this.responses.after(await this.position('responses'), BATCH, settleMs);
      if (!batch.length) break;
      await this.projectResponses(batch);
      total += batch.length;
      if (batch.length < BATCH) break;
    }
    for (;;) {
      const batch = await this.stageEvents.after(await this.position('stage_events'), BATCH, settleMs);
      if (!batch.length) break;
      await this.dataSource.transaction(async (m) => {
        await m.query(
          `INSERT INTO analytics_stage (household_id, event, territory, housing_sector, occurred_at)
           SELECT DISTINCT ON (household_id, type) household_id, type, territory, housing_sector, occurred_on::timestamptz
             FROM jsonb_to_recordset($1::jsonb) AS e(household_id uuid, type text, territory text, housing_sector text, occurred_on date)
            ORDER BY household_id, type, occurred_on
           ON CONFLICT (household_id, event) DO UPDATE SET occurred_at = LEAST(analytics_stage.occurred_at, EXCLUDED.occurred_at)`,
          [
            JSON.stringify(
              batch.map((e) => ({
                household_id: e.householdId,
                type: e.type,
                territory: e.territory,
                housing_sector: e.housingSector,
                occurred_on: e.occurredOn,
              })),
            ),
          ],
        );
        const last = batch[batch.length - 1]!;
        await this.savePosition(m, 'stage_events', last.position);
      });
      total += batch.length;
      if (batch.length < BATCH) break;
    }
    if (total) {
      await this.experiments.reweighAdaptive();
      this.logger.log({ projected: total }, 'analytics read model up to date');
    }
    return total;
  }

  /** One batch, set-based: attribution by two lateral lookups over the household's messages. */
  async projectResponses(batch: readonly FedResponse[]): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await m.query(
        `INSERT INTO analytics_response (response_id, household_id, kind, source, occurred_at, territory, last_touch_message_id, first_touch_message_id, qualifier)
         SELECT r.id, r.household_id, r.kind, r.source, r.occurred_at, COALESCE(named.territory, lt.territory),
                COALESCE(named.message_id, lt.message_id), COALESCE(ft.message_id, named.message_id), r.qualifier
           FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, household_id uuid, kind text, source text, occurred_at timestamptz, message_id uuid, qualifier text)
           -- The message a response names, when it is its household's (looked up by its key alone: joined on
           -- both columns, the planner would scan the household's messages of every response instead).
           LEFT JOIN analytics_message given ON given.message_id = r.message_id
           CROSS JOIN LATERAL (SELECT CASE WHEN given.household_id = r.household_id THEN given.message_id END AS message_id,
                                      CASE WHEN given.household_id = r.household_id THEN given.territory END AS territory) named
           LEFT JOIN LATERAL (
             SELECT message_id, territory FROM analytics_message m
              WHERE m.household_id = r.household_id AND m.composed_at <= r.occurred_at
                AND m.composed_at >= r.occurred_at - make_interval(days => ${PARTNER_OUTCOME_WINDOW_DAYS})
                AND r.occurred_at <= m.composed_at + make_interval(days => window_days(m.purpose, r.kind))
              ORDER BY m.composed_at DESC LIMIT 1) lt ON true
           LEFT JOIN LATERAL (
             SELECT message_id FROM analytics_message m
              WHERE m.household_id = r.household_id AND m.composed_at <= r.occurred_at
                AND m.composed_at >= r.occurred_at - make_interval(days => ${PARTNER_OUTCOME_WINDOW_DAYS})
                AND r.occurred_at <= m.composed_at + make_interval(days => window_days(m.purpose, r.kind))
              ORDER BY m.composed_at ASC LIMIT 1) ft ON true
         ON CONFLICT (response_id) DO NOTHING`.replace(/window_days\(m\.purpose, r\.kind\)/g, WINDOW_SQL),
        [
          JSON.stringify(
            batch.map((r) => ({
              id: r.id,
              household_id: r.householdId,
              kind: r.kind,
              source: r.source,
              occurred_at: r.occurredAt,
              message_id: r.messageId,
              qualifier: qualifierOf(r),
            })),
          ),
          windows,
          REPORTABLE_OUTCOMES,
        ],
      );
      const last = batch[batch.length - 1]!;
      await this.savePosition(m, 'responses', last.position);
    });
    await this.experiments.noteResponses(batch.map((r) => ({ householdId: r.householdId, kind: r.kind, occurredAt: r.occurredAt })));
  }

  private async position(feed: string): Promise<FeedPosition | null> {
    const [row]: Array<{ at: string; id: string }> = await this.dataSource.query(
      `SELECT position_at::text AS at, position_id AS id FROM analytics_cursor WHERE feed = $1`,
      [feed],
    );
    return row ?? null;
  }

  private async savePosition(m: EntityManager, feed: string, p: FeedPosition): Promise<void> {
    await m.query(
      `INSERT INTO analytics_cursor (feed, position_at, position_id) VALUES ($1, $2::timestamptz, $3)
       ON CONFLICT (feed) DO UPDATE SET position_at = EXCLUDED.position_at, position_id = EXCLUDED.position_id`,
      [feed, p.at, p.id],
    );
  }
}

/** The charter tells DSF for households known to the social services from the others. */
function qualifierOf(r: FedResponse): string | null {
  const known = r.details?.knownToSocialServices;
  return typeof known === 'boolean' ? (known ? 'known' : 'unknown') : null;
}

/** The purpose's window in SQL ($2: the windows by purpose, $3: partners' outcomes, counted longer), as `responseWindowDays`. */
const WINDOW_SQL = `(CASE WHEN r.kind = ANY ($3::text[])
  THEN GREATEST(COALESCE(($2::jsonb ->> m.purpose)::int, ${DEFAULT_RESPONSE_WINDOW_DAYS}), ${PARTNER_OUTCOME_WINDOW_DAYS})
  ELSE COALESCE(($2::jsonb ->> m.purpose)::int, ${DEFAULT_RESPONSE_WINDOW_DAYS}) END)`;
