import { MigrationInterface, QueryRunner } from 'typeorm';

/** The letters' print stage: letters accepted for printing, their batches, partners' letterheads. */
export class LetterPrintStage1797000000000 implements MigrationInterface {
  name = 'LetterPrintStage1797000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of UP) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "letter_letterhead"`);
    await queryRunner.query(`DROP TABLE "letter_print_batch"`);
    await queryRunner.query(`DROP TABLE "letter_print_item"`);
  }
}

const UP: string[] = [
  `CREATE TABLE "letter_print_batch" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "sender_partner_id" uuid NOT NULL, "print_day" date NOT NULL, "status" text NOT NULL DEFAULT 'assembling', "letter_count" integer NOT NULL DEFAULT '0', "page_count" integer NOT NULL DEFAULT '0', "pdf_path" text, "manifest_path" text, "provider" text, "provider_batch_ref" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "submitted_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_7a76fa12c8a7cf2b5c5a0f9a642" PRIMARY KEY ("id"))`,
  `CREATE INDEX "ix_letter_print_batch_open" ON "letter_print_batch" ("sender_partner_id", "print_day", "status")`,
  `CREATE TABLE "letter_print_item" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "idempotency_key" text NOT NULL, "message_id" uuid NOT NULL, "household_id" uuid NOT NULL, "planned_contact_key" text, "sender_partner_id" uuid NOT NULL, "print_day" date NOT NULL, "tracking_code" text NOT NULL, "tracking_code_display" text NOT NULL, "response_url" text NOT NULL, "locale" text NOT NULL, "purpose" text NOT NULL, "postage_class" text NOT NULL, "address_lines" text array NOT NULL, "signers" jsonb NOT NULL, "phone" text, "body_html" text NOT NULL, "pages" integer NOT NULL, "status" text NOT NULL DEFAULT 'staged', "batch_id" uuid, "provider_letter_id" text, "returned_at" TIMESTAMP WITH TIME ZONE, "return_reason" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_4d9f5cca12f3f83d10cadc326f8" PRIMARY KEY ("id"))`,
  `CREATE UNIQUE INDEX "IDX_4044753d2e3a5d78d44c3a1745" ON "letter_print_item" ("idempotency_key")`,
  `CREATE UNIQUE INDEX "IDX_7cdf91c0215546622cd0026f7a" ON "letter_print_item" ("message_id")`,
  `CREATE UNIQUE INDEX "IDX_f471cc68e31c68a09b18f9884b" ON "letter_print_item" ("tracking_code")`,
  `CREATE INDEX "IDX_55a71dff47c759e1616f5512a0" ON "letter_print_item" ("batch_id")`,
  `CREATE INDEX "ix_letter_print_item_staged" ON "letter_print_item" ("sender_partner_id", "print_day", "status")`,
  `CREATE TABLE "letter_letterhead" ("partner_id" uuid NOT NULL, "logo_svg" text, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_866b8c8059a7d47cb16a6111277" PRIMARY KEY ("partner_id"))`,
];
