import { MigrationInterface, QueryRunner } from 'typeorm';

/** Who a staged letter is written to: the household (its response link printed) or its private landlord (none). */
export class LetterAddressee1818000000002 implements MigrationInterface {
  name = 'LetterAddressee1818000000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "letter_print_item" ADD "addressee" text NOT NULL DEFAULT 'household'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "letter_print_item" DROP COLUMN "addressee"`);
  }
}
