import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One spelling of procedure stages (@unisson/vocabulary): the stages the engine plans for become
 * reachable (saisine_ccapex, audience, expulsion), and a closed procedure keeps the stage it
 * closed at instead of a 'close' pseudo-stage (closed_at says it is closed). New stage events:
 * saisine_ccapex, audience, plan_apurement (repayment plan agreed).
 */
export class ProcedureStages1791000000000 implements MigrationInterface {
  name = 'ProcedureStages1791000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TYPE "public"."stage_event_type" ADD VALUE IF NOT EXISTS 'saisine_ccapex' BEFORE 'commandement_de_payer'`,
    );
    await queryRunner.query(`ALTER TYPE "public"."stage_event_type" ADD VALUE IF NOT EXISTS 'audience' BEFORE 'jugement'`);
    await queryRunner.query(`ALTER TYPE "public"."stage_event_type" ADD VALUE IF NOT EXISTS 'plan_apurement' BEFORE 'dette_soldee'`);
    await queryRunner.query(`ALTER TABLE "procedure" ALTER COLUMN "stage" TYPE text USING "stage"::text`);
    // A procedure closed under the old spelling takes the stage of its latest event that moved it.
    await queryRunner.query(
      `UPDATE "procedure" SET "stage" = COALESCE((
         SELECT CASE e.type::text WHEN 'cfp_demande' THEN 'concours_force_publique' WHEN 'cfp_accorde' THEN 'concours_force_publique' ELSE e.type::text END
         FROM stage_event e WHERE e.procedure_id = "procedure".id AND e.type::text NOT IN ('dette_soldee', 'depart_du_logement')
         ORDER BY e.occurred_on DESC, e.recorded_at DESC LIMIT 1), 'premier_impaye')
       WHERE "stage" = 'close'`,
    );
    await queryRunner.query(`DROP TYPE "public"."procedure_stage"`);
    await queryRunner.query(
      `CREATE TYPE "public"."procedure_stage" AS ENUM('premier_impaye', 'signalement_caf', 'saisine_ccapex', 'commandement_de_payer', 'assignation', 'audience', 'jugement', 'commandement_de_quitter_les_lieux', 'concours_force_publique', 'expulsion')`,
    );
    await queryRunner.query(
      `ALTER TABLE "procedure" ALTER COLUMN "stage" TYPE "public"."procedure_stage" USING "stage"::"public"."procedure_stage"`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "procedure" ALTER COLUMN "stage" TYPE text USING "stage"::text`);
    await queryRunner.query(
      `UPDATE "procedure" SET "stage" = CASE WHEN "closed_at" IS NOT NULL THEN 'close' WHEN "stage" = 'saisine_ccapex' THEN 'signalement_caf'
         WHEN "stage" = 'audience' THEN 'assignation' WHEN "stage" = 'expulsion' THEN 'concours_force_publique' ELSE "stage" END`,
    );
    await queryRunner.query(`DROP TYPE "public"."procedure_stage"`);
    await queryRunner.query(
      `CREATE TYPE "public"."procedure_stage" AS ENUM('premier_impaye', 'signalement_caf', 'commandement_de_payer', 'assignation', 'jugement', 'commandement_de_quitter_les_lieux', 'concours_force_publique', 'close')`,
    );
    await queryRunner.query(
      `ALTER TABLE "procedure" ALTER COLUMN "stage" TYPE "public"."procedure_stage" USING "stage"::"public"."procedure_stage"`,
    );
  }
}
