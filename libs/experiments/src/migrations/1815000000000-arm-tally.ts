import { MigrationInterface, QueryRunner } from 'typeorm';

const SHARD = `(hashtext(household_id::text) & 15)::smallint`;
const ARRIVING = `SELECT experiment_id, arm, ${SHARD} AS shard, 1 AS units, (responded_at IS NOT NULL)::int AS responders FROM arriving`;
const LEAVING = `SELECT experiment_id, arm, ${SHARD} AS shard, -1 AS units, -(responded_at IS NOT NULL)::int AS responders FROM leaving`;

/** The trigger function adding a statement's rows (arriving +1, leaving -1) to the tally, in one ordered upsert. */
const applyFunction = (name: string, delta: string) => `
  CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    INSERT INTO experiment_arm_tally AS t (experiment_id, arm, shard, units, responders)
    SELECT experiment_id, arm, shard, sum(units), sum(responders) FROM (${delta}) d
     GROUP BY experiment_id, arm, shard HAVING sum(units) <> 0 OR sum(responders) <> 0
     ORDER BY experiment_id, arm, shard
    ON CONFLICT (experiment_id, arm, shard) DO UPDATE SET units = t.units + EXCLUDED.units, responders = t.responders + EXCLUDED.responders;
    RETURN NULL;
  END $$`;

/**
 * Households and primary responders per arm, kept up to date by PostgreSQL itself on every write
 * of `experiment_assignment` (insert, COPY, update, delete, truncate), so that an experiment's
 * report reads a few rows instead of counting its assignments. Counters are split into 16 shards
 * by household so that messages worded at the same time do not queue on one row. Filled from a
 * count of the existing assignments.
 */
export class ArmTally1815000000000 implements MigrationInterface {
  name = 'ArmTally1815000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "experiment_arm_tally" ("experiment_id" uuid NOT NULL, "arm" text NOT NULL, "shard" smallint NOT NULL, "units" bigint NOT NULL, "responders" bigint NOT NULL, CONSTRAINT "PK_experiment_arm_tally" PRIMARY KEY ("experiment_id", "arm", "shard"))`,
    );
    // A transition table belongs to one event per trigger: one function and trigger per event.
    await queryRunner.query(applyFunction('experiment_arm_tally_inserted', ARRIVING));
    await queryRunner.query(applyFunction('experiment_arm_tally_updated', `${ARRIVING} UNION ALL ${LEAVING}`));
    await queryRunner.query(applyFunction('experiment_arm_tally_deleted', LEAVING));
    await queryRunner.query(`
      CREATE FUNCTION experiment_arm_tally_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM experiment_arm_tally;
        RETURN NULL;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER experiment_arm_tally_insert AFTER INSERT ON experiment_assignment REFERENCING NEW TABLE AS arriving FOR EACH STATEMENT EXECUTE FUNCTION experiment_arm_tally_inserted()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER experiment_arm_tally_update AFTER UPDATE ON experiment_assignment REFERENCING OLD TABLE AS leaving NEW TABLE AS arriving FOR EACH STATEMENT EXECUTE FUNCTION experiment_arm_tally_updated()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER experiment_arm_tally_delete AFTER DELETE ON experiment_assignment REFERENCING OLD TABLE AS leaving FOR EACH STATEMENT EXECUTE FUNCTION experiment_arm_tally_deleted()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER experiment_arm_tally_truncate AFTER TRUNCATE ON experiment_assignment FOR EACH STATEMENT EXECUTE FUNCTION experiment_arm_tally_truncated()`,
    );
    await queryRunner.query(
      `INSERT INTO experiment_arm_tally (experiment_id, arm, shard, units, responders)
       SELECT experiment_id, arm, ${SHARD}, count(*), count(responded_at) FROM experiment_assignment GROUP BY 1, 2, 3`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const t of ['insert', 'update', 'delete', 'truncate'])
      await queryRunner.query(`DROP TRIGGER experiment_arm_tally_${t} ON experiment_assignment`);
    for (const f of ['inserted', 'updated', 'deleted', 'truncated']) await queryRunner.query(`DROP FUNCTION experiment_arm_tally_${f}()`);
    await queryRunner.query(`DROP TABLE "experiment_arm_tally"`);
  }
}
