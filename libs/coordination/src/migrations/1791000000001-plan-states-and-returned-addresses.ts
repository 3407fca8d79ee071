import type { MigrationInterface, QueryRunner } from 'typeorm';

const STAGES: Array<[string, string]> = [
  ['impaye', 'premier_impaye'],
  ['signalementCaf', 'signalement_caf'],
  ['saisineCcapex', 'saisine_ccapex'],
  ['commandementDePayer', 'commandement_de_payer'],
  ['commandementDeQuitterLesLieux', 'commandement_de_quitter_les_lieux'],
  ['concoursForcePublique', 'concours_force_publique'],
];

/**
 * The engine writes stages with the one spelling of @unisson/vocabulary (contact keys keep the
 * spelling they were made with: a job already queued still finds its contact); a cancelled
 * contact says why; returned letters mark the address for every partner.
 */
export class PlanStatesAndReturnedAddresses1791000000001 implements MigrationInterface {
  name = 'PlanStatesAndReturnedAddresses1791000000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['contact_intent', 'planned_contact', 'contact_plan']) {
      for (const [from, to] of STAGES) await queryRunner.query(`UPDATE "${table}" SET "stage" = $2 WHERE "stage" = $1`, [from, to]);
    }
    await queryRunner.query(`ALTER TABLE "planned_contact" ADD "cancel_reason" text`);
    await queryRunner.query(
      `CREATE TABLE "returned_postal_address" ("household_id" uuid NOT NULL, "address_key" text NOT NULL, "contact_key" text NOT NULL, "returned_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_returned_postal_address" PRIMARY KEY ("household_id", "address_key"))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "returned_postal_address"`);
    await queryRunner.query(`ALTER TABLE "planned_contact" DROP COLUMN "cancel_reason"`);
    for (const table of ['contact_intent', 'planned_contact', 'contact_plan']) {
      for (const [from, to] of STAGES) await queryRunner.query(`UPDATE "${table}" SET "stage" = $1 WHERE "stage" = $2`, [from, to]);
    }
  }
}
