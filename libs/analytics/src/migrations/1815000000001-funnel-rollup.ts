import { MigrationInterface, QueryRunner } from 'typeorm';

const DAY = (column: string) => `(${column} AT TIME ZONE 'UTC')::date`;
const NO_STAGES = `(SELECT NULL::uuid AS household_id, NULL::text AS event, NULL::text AS territory, NULL::timestamptz AS occurred_at WHERE false)`;
const NO_RESPONSES = `(SELECT NULL::uuid AS response_id, NULL::uuid AS household_id, NULL::text AS kind WHERE false)`;
const PRESENT = `EXISTS (SELECT 1 FROM analytics_response p WHERE p.household_id = s.household_id AND p.kind = 'present_at_hearing')`;

/**
 * Adds deltas to the funnel's counters in one ordered upsert. Every writer of the read model is
 * serialised by one advisory lock taken here, so that a stage and a response written at the same
 * time by two processes still see each other (each statement of the function reads what was
 * committed before the lock was granted).
 */
const upsert = (delta: string) => `
    PERFORM pg_advisory_xact_lock(hashtext('analytics_funnel_day'));
    INSERT INTO analytics_funnel_day AS t (territory, step, day, households)
    SELECT territory, step, day, sum(n) FROM (${delta}) d
     GROUP BY territory, step, day HAVING sum(n) <> 0 ORDER BY territory, step, day
    ON CONFLICT (territory, step, day) DO UPDATE SET households = t.households + EXCLUDED.households;
    RETURN NULL;`;

/** Procedure events leaving (-1) and arriving (+1), and the presence at the hearing of an audience's household. */
const stageFunction = (name: string, arriving: string, leaving: string) => `
  CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN ${upsert(`
      SELECT territory, event AS step, ${DAY('occurred_at')} AS day, 1 AS n FROM ${arriving} a
      UNION ALL SELECT territory, event, ${DAY('occurred_at')}, -1 FROM ${leaving} l
      UNION ALL SELECT s.territory, 'present_at_hearing', ${DAY('s.occurred_at')}, 1 FROM ${arriving} s WHERE s.event = 'audience' AND ${PRESENT}
      UNION ALL SELECT s.territory, 'present_at_hearing', ${DAY('s.occurred_at')}, -1 FROM ${leaving} s WHERE s.event = 'audience' AND ${PRESENT}`)}
  END $$`;

/**
 * A household counts as present at its hearing once it has at least one such response: for each
 * household touched by the statement, (present now) - (present before the statement), where
 * "before" is the table without the arriving rows, plus the leaving ones.
 */
const responseFunction = (name: string, arriving: string, leaving: string) => `
  CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN ${upsert(`
      WITH touched AS (
        SELECT household_id FROM ${arriving} a WHERE kind = 'present_at_hearing'
        UNION SELECT household_id FROM ${leaving} l WHERE kind = 'present_at_hearing'),
      present_after AS (
        SELECT DISTINCT p.household_id FROM analytics_response p JOIN touched USING (household_id) WHERE p.kind = 'present_at_hearing'),
      present_before AS (
        SELECT p.household_id FROM analytics_response p JOIN touched USING (household_id)
         WHERE p.kind = 'present_at_hearing' AND NOT EXISTS (SELECT 1 FROM ${arriving} a WHERE a.response_id = p.response_id)
        UNION SELECT household_id FROM ${leaving} l WHERE kind = 'present_at_hearing')
      SELECT s.territory, 'present_at_hearing' AS step, ${DAY('s.occurred_at')} AS day,
             (after.household_id IS NOT NULL)::int - (before.household_id IS NOT NULL)::int AS n
        FROM touched t
        LEFT JOIN present_after after ON after.household_id = t.household_id
        LEFT JOIN present_before before ON before.household_id = t.household_id
        JOIN analytics_stage s ON s.household_id = t.household_id AND s.event = 'audience'`)}
  END $$`;

/**
 * The territory funnel's counters: households per (territory, step, UTC day), steps being the
 * procedure events and the presence at the hearing. PostgreSQL keeps them on every write of
 * `analytics_stage` and `analytics_response` (insert, update, delete, truncate), so the funnel
 * adds up a few hundred rows instead of counting the households; filled from a count of the
 * existing rows. Also indexes for the period's partial days (every territory; presence at the hearing).
 */
export class FunnelRollup1815000000001 implements MigrationInterface {
  name = 'FunnelRollup1815000000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "analytics_funnel_day" ("territory" text NOT NULL, "step" text NOT NULL, "day" date NOT NULL, "households" bigint NOT NULL, CONSTRAINT "PK_analytics_funnel_day" PRIMARY KEY ("territory", "step", "day"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_analytics_stage_event_period" ON "analytics_stage" ("event", "occurred_at")`);
    // Is this household present at its hearing? (the counters' triggers, the partial days' count)
    await queryRunner.query(
      `CREATE INDEX "ix_analytics_response_present" ON "analytics_response" ("household_id") WHERE kind = 'present_at_hearing'`,
    );
    await queryRunner.query(stageFunction('analytics_funnel_stage_inserted', 'arriving', NO_STAGES));
    await queryRunner.query(stageFunction('analytics_funnel_stage_updated', 'arriving', 'leaving'));
    await queryRunner.query(stageFunction('analytics_funnel_stage_deleted', NO_STAGES, 'leaving'));
    await queryRunner.query(responseFunction('analytics_funnel_response_inserted', 'arriving', NO_RESPONSES));
    await queryRunner.query(responseFunction('analytics_funnel_response_updated', 'arriving', 'leaving'));
    await queryRunner.query(responseFunction('analytics_funnel_response_deleted', NO_RESPONSES, 'leaving'));
    await queryRunner.query(`
      CREATE FUNCTION analytics_funnel_stage_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM analytics_funnel_day;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE FUNCTION analytics_funnel_response_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM analytics_funnel_day WHERE step = 'present_at_hearing';
        RETURN NULL;
      END $$`);
    for (const [table, prefix] of [
      ['analytics_stage', 'analytics_funnel_stage'],
      ['analytics_response', 'analytics_funnel_response'],
    ] as const) {
      await queryRunner.query(
        `CREATE TRIGGER ${prefix}_insert AFTER INSERT ON ${table} REFERENCING NEW TABLE AS arriving FOR EACH STATEMENT EXECUTE FUNCTION ${prefix}_inserted()`,
      );
      await queryRunner.query(
        `CREATE TRIGGER ${prefix}_update AFTER UPDATE ON ${table} REFERENCING OLD TABLE AS leaving NEW TABLE AS arriving FOR EACH STATEMENT EXECUTE FUNCTION ${prefix}_updated()`,
      );
      await queryRunner.query(
        `CREATE TRIGGER ${prefix}_delete AFTER DELETE ON ${table} REFERENCING OLD TABLE AS leaving FOR EACH STATEMENT EXECUTE FUNCTION ${prefix}_deleted()`,
      );
      await queryRunner.query(
        `CREATE TRIGGER ${prefix}_truncate AFTER TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION ${prefix}_truncated()`,
      );
    }
    await queryRunner.query(
      `INSERT INTO analytics_funnel_day (territory, step, day, households)
       SELECT territory, step, day, count(*) FROM (
         SELECT territory, event AS step, ${DAY('occurred_at')} AS day FROM analytics_stage
         UNION ALL
         SELECT s.territory, 'present_at_hearing', ${DAY('s.occurred_at')} FROM analytics_stage s WHERE s.event = 'audience' AND ${PRESENT}) x
        GROUP BY territory, step, day`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const [table, prefix] of [
      ['analytics_stage', 'analytics_funnel_stage'],
      ['analytics_response', 'analytics_funnel_response'],
    ] as const) {
      for (const t of ['insert', 'update', 'delete', 'truncate']) await queryRunner.query(`DROP TRIGGER ${prefix}_${t} ON ${table}`);
      for (const f of ['inserted', 'updated', 'deleted', 'truncated']) await queryRunner.query(`DROP FUNCTION ${prefix}_${f}()`);
    }
    await queryRunner.query(`DROP INDEX "ix_analytics_response_present"`);
    await queryRunner.query(`DROP INDEX "ix_analytics_stage_event_period"`);
    await queryRunner.query(`DROP TABLE "analytics_funnel_day"`);
  }
}
