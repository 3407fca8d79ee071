import { MigrationInterface, QueryRunner } from 'typeorm';

/** The private landlord's postal address (sealed), one per partner: letters to the landlord go there. */
export class LandlordPostalAddress1818000000000 implements MigrationInterface {
  name = 'LandlordPostalAddress1818000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "partner_postal_address" ("partner_id" uuid NOT NULL, "address" text NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_partner_postal_address" PRIMARY KEY ("partner_id"))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "partner_postal_address"`);
  }
}
