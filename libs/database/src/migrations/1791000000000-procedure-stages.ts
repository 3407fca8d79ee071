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
    await queryRunner.query(`ALTER TYPE "public"."stage_event_type" ADD VALUE IF NOT EXISTS 'saisine_ccapex' BEFORE 'commandement_de_payer'`);
    await queryRunner.query(`ALTER TYPE "public"."stage_event_type" ADD VALUE IF NOT EXISTS 'audience' BEFORE 'jugement'`);
    await queryRunner.query(`ALTER TYPE "public"."stage_event_type" ADD VALUE IF NOT EXISTS 'plan_apurement' BEFORE 'dette_soldee'`);
    await queryRunner.query(`ALTER TYPE "public"."procedure_stage" RENAME TO "procedure_stage_old"`);
    await queryRunner.query(
      `CREATE TYPE "public"."procedure_stage" AS ENUM('premier_impaye', 'signalement_caf', 'saisine_ccapex', 'commandement_de_payer', 'assignation', 'audience', 'jugement', 'commandement_de_quitter_les_lieux', 'concours_force_publique', 'expulsion')`,
    );
    // A procedure closed under the old spelling takes the stage of its latest event that moved it.
    await queryRunner.query(
      `ALTER TABLE "procedure" ALTER COLUMN "stage" TYPE "public"."procedure_stage" USING (
         CASE WHEN "stage"::text <> 'close' THEN "stage"::text
         ELSE COALESCE((SELECT CASE e.type::text WHEN 'cfp_demande' THEN 'concours_force_publique' WHEN 'cfp_accorde' THEN 'concours_force_publique' ELSE e.type::text END
                        FROM stage_event e WHERE e.procedure_id = "procedure".id AND e.type::text NOT IN ('dette_soldee', 'depart_du_logement')
                        ORDER BY e.occurred_on DESC, e.recorded_at DESC LIMIT 1), 'premier_impaye') END)::"public"."procedure_stage"`,
    );
    await queryRunner.query(`DROP TYPE "public"."procedure_stage_old"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TYPE "public"."procedure_stage" RENAME TO "procedure_stage_new"`);
    await queryRunner.query(
      `CREATE TYPE "public"."procedure_stage" AS ENUM('premier_impaye', 'signalement_caf', 'commandement_de_payer', 'assignation', 'jugement', 'commandement_de_quitter_les_lieux', 'concours_force_publique', 'close')`,
    );
    await queryRunner.query(
      `ALTER TABLE "procedure" ALTER COLUMN "stage" TYPE "public"."procedure_stage" USING (
         CASE WHEN "closed_at" IS NOT NULL THEN 'close'
              WHEN "stage"::text = 'saisine_ccapex' THEN 'signalement_caf'
              WHEN "stage"::text = 'audience' THEN 'assignation'
              WHEN "stage"::text = 'expulsion' THEN 'concours_force_publique'
              ELSE "stage"::text END)::"public"."procedure_stage"`,
    );
    await queryRunner.query(`DROP TYPE "public"."procedure_stage_new"`);
  }
}
