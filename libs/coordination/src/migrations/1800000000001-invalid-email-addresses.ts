import { MigrationInterface, QueryRunner } from 'typeorm';

/** E-mail addresses that bounced, per household (issue 10): the planner no longer counts them as a way to reach it. */
export class InvalidEmailAddresses1800000000001 implements MigrationInterface {
  name = 'InvalidEmailAddresses1800000000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "invalid_email_address" (
        "household_id" uuid NOT NULL,
        "address_key" text NOT NULL,
        "marked_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_invalid_email_address" PRIMARY KEY ("household_id", "address_key")
      )`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "invalid_email_address"`);
  }
}
