import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Phone numbers a caller found wrong, per household (issue 10): no SMS, call or spoken message is
 * planned or sent to them again, for any partner. Kept as a keyed blind index, never in clear.
 */
export class InvalidPhoneNumbers1813000000001 implements MigrationInterface {
  name = 'InvalidPhoneNumbers1813000000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "invalid_phone_number" (
        "household_id" uuid NOT NULL,
        "number_key" text NOT NULL,
        "contact_key" text,
        "marked_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_invalid_phone_number" PRIMARY KEY ("household_id", "number_key")
      )`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "invalid_phone_number"`);
  }
}
