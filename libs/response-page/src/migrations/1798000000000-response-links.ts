import { MigrationInterface, QueryRunner } from 'typeorm';

/** Response links of letters, e-mails, SMS and the shared notice (the household's response page). */
export class ResponseLinks1798000000000 implements MigrationInterface {
  name = 'ResponseLinks1798000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "response_link" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "nonce" text NOT NULL, "short_code" text NOT NULL, "household_id" uuid, "message_id" uuid, "planned_contact_key" text, "purpose" text NOT NULL, "locale" text NOT NULL, "stage" text, "territory" text, "partner_id" uuid, "notice_key" text, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "visit_count" integer NOT NULL DEFAULT 0, "last_visited_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_response_link" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_response_link_nonce" ON "response_link" ("nonce") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_response_link_short_code" ON "response_link" ("short_code") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_response_link_message" ON "response_link" ("message_id") WHERE message_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_response_link_planned_contact" ON "response_link" ("planned_contact_key") WHERE planned_contact_key IS NOT NULL AND message_id IS NULL`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_response_link_notice" ON "response_link" ("notice_key") WHERE notice_key IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "ix_response_link_household" ON "response_link" ("household_id") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "response_link"`);
  }
}
