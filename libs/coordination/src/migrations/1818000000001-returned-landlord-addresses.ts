import { MigrationInterface, QueryRunner } from 'typeorm';

/** Private landlords' addresses a letter to the landlord came back from (keyed index), apart from the households' returned addresses. */
export class ReturnedLandlordAddresses1818000000001 implements MigrationInterface {
  name = 'ReturnedLandlordAddresses1818000000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "returned_landlord_address" ("partner_id" uuid NOT NULL, "address_key" text NOT NULL, "contact_key" text NOT NULL, "returned_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_returned_landlord_address" PRIMARY KEY ("partner_id", "address_key"))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "returned_landlord_address"`);
  }
}
