import { MigrationInterface, QueryRunner } from 'typeorm';

/** Partners, households and their procedures, the intake inbox, messages and responses. */
export class Foundation1790000000000 implements MigrationInterface {
  name = 'Foundation1790000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "household" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "territory" text NOT NULL, "preferred_locale" text NOT NULL DEFAULT \'fr\', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_26e9111eab2b8908fefe3c645f5" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_a16a8c97c3275f69dcb800ea12" ON "household" ("territory") ');
    await queryRunner.query(
      'CREATE TABLE "household_opt_out" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "household_id" uuid NOT NULL, "channel" text NOT NULL, "source" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_4fe6a352a5c02db51328078b1e8" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "uq_household_opt_out" ON "household_opt_out" ("household_id", "channel") ');
    await queryRunner.query(
      'CREATE TABLE "partner_record" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "partner_id" uuid NOT NULL, "partner_ref" text NOT NULL, "household_id" uuid, "last_name" text NOT NULL, "first_name" text NOT NULL, "birth_date" date, "street" text NOT NULL, "address_extra" text, "postal_code" text NOT NULL, "city" text NOT NULL, "phone" text, "email" text, "caf_number" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7ff2cb43b84abe75a281701ef24" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_344e6863fc9cf7b44d56c17149" ON "partner_record" ("household_id") ');
    await queryRunner.query('CREATE UNIQUE INDEX "uq_partner_record_ref" ON "partner_record" ("partner_id", "partner_ref") ');
    await queryRunner.query(
      "CREATE TYPE \"public\".\"procedure_stage\" AS ENUM('premier_impaye', 'signalement_caf', 'commandement_de_payer', 'assignation', 'jugement', 'commandement_de_quitter_les_lieux', 'concours_force_publique', 'close')",
    );
    await queryRunner.query(
      'CREATE TABLE "procedure" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "household_id" uuid NOT NULL, "landlord_partner_id" uuid NOT NULL, "stage" "public"."procedure_stage" NOT NULL, "housing_sector" text NOT NULL, "lease_signed_on" date, "monthly_rent_cents" integer, "debt_cents" integer NOT NULL, "first_unpaid_on" date NOT NULL, "hearing_at" TIMESTAMP WITH TIME ZONE, "hearing_place" text, "opened_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "closed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_9888785b528492e7539d96e3894" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "ix_procedure_household_open" ON "procedure" ("household_id", "closed_at") ');
    await queryRunner.query(
      "CREATE TYPE \"public\".\"stage_event_type\" AS ENUM('premier_impaye', 'signalement_caf', 'commandement_de_payer', 'assignation', 'jugement', 'commandement_de_quitter_les_lieux', 'cfp_demande', 'cfp_accorde', 'dette_soldee', 'depart_du_logement')",
    );
    await queryRunner.query(
      'CREATE TABLE "stage_event" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "procedure_id" uuid NOT NULL, "type" "public"."stage_event_type" NOT NULL, "occurred_on" date NOT NULL, "reported_by_partner_id" uuid NOT NULL, "submission_id" uuid NOT NULL, "details" jsonb NOT NULL DEFAULT \'{}\', "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e69b0726477921bac226cebf7db" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_fbf6cf7be378adb60a55df3ea6" ON "stage_event" ("procedure_id") ');
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_7d267be92bbabe6de27f0d947f" ON "stage_event" ("submission_id") ');
    await queryRunner.query(
      'CREATE TABLE "partner_submission" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "partner_id" uuid NOT NULL, "kind" text NOT NULL, "idempotency_key" text NOT NULL, "request_hash" text NOT NULL, "payload" jsonb NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "processed_at" TIMESTAMP WITH TIME ZONE, "outcome" jsonb, "error_code" text, CONSTRAINT "PK_0812692a6f9899741a394e164e3" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "ix_partner_submission_pending" ON "partner_submission" ("processed_at", "received_at") ');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_partner_submission_idempotency" ON "partner_submission" ("partner_id", "idempotency_key") ',
    );
    await queryRunner.query(
      'CREATE TABLE "inbound_response" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "household_id" uuid, "message_id" uuid, "channel" text NOT NULL, "kind" text NOT NULL, "external_id" text, "details" jsonb NOT NULL DEFAULT \'{}\', "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b1b10cb270c6fd36e162cd32595" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_46bfcd8cf8e32c9d8b2c1ec927" ON "inbound_response" ("household_id") ');
    await queryRunner.query('CREATE INDEX "IDX_81fc9698a88d3267b75fb908e1" ON "inbound_response" ("message_id") ');
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_f5761e2867434c4b343b66f3b0" ON "inbound_response" ("external_id") ');
    await queryRunner.query(
      "CREATE TYPE \"public\".\"message_status\" AS ENUM('queued', 'sending', 'sent', 'delivered', 'undelivered', 'failed', 'cancelled', 'suppressed')",
    );
    await queryRunner.query(
      'CREATE TABLE "message_status_event" ("id" BIGSERIAL NOT NULL, "message_id" uuid NOT NULL, "from_status" "public"."message_status", "to_status" "public"."message_status" NOT NULL, "source" text NOT NULL, "provider_status" text, "error_code" text, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d8238e15d3e3d4aebb3e9c57f79" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_64d4f3fcd045264e9b46fb67cc" ON "message_status_event" ("message_id") ');
    await queryRunner.query("CREATE TYPE \"public\".\"message_channel\" AS ENUM('sms', 'email', 'letter', 'voice', 'call')");
    await queryRunner.query(
      'CREATE TABLE "outbound_message" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "idempotency_key" text NOT NULL, "household_id" uuid NOT NULL, "procedure_id" uuid, "signing_partner_ids" uuid array NOT NULL, "channel" "public"."message_channel" NOT NULL, "purpose" text NOT NULL, "template_key" text NOT NULL, "template_version" text NOT NULL, "locale" text NOT NULL, "variant" text NOT NULL DEFAULT \'default\', "recipient" text NOT NULL, "subject" text, "body" text NOT NULL, "body_html" text, "status" "public"."message_status" NOT NULL DEFAULT \'queued\', "not_before" TIMESTAMP WITH TIME ZONE NOT NULL, "provider_message_id" text, "send_attempts" integer NOT NULL DEFAULT \'0\', "sending_started_at" TIMESTAMP WITH TIME ZONE, "last_error_code" text, "sent_at" TIMESTAMP WITH TIME ZONE, "delivered_at" TIMESTAMP WITH TIME ZONE, "failed_at" TIMESTAMP WITH TIME ZONE, "correlation_id" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_53741fe5d4d5e2cb54dc4a5f446" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_43fb4a608127adaba87f86ef74" ON "outbound_message" ("idempotency_key") ');
    await queryRunner.query('CREATE INDEX "IDX_7bc4123288b7a6d079b6d3eb5c" ON "outbound_message" ("household_id") ');
    await queryRunner.query('CREATE INDEX "IDX_8025fbe29e5e436bafe2ebf2eb" ON "outbound_message" ("provider_message_id") ');
    await queryRunner.query('CREATE INDEX "ix_outbound_message_status_due" ON "outbound_message" ("status", "not_before") ');
    await queryRunner.query(
      'CREATE TABLE "partner_api_key" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "partner_id" uuid NOT NULL, "prefix" text NOT NULL, "secret_hash" text NOT NULL, "scopes" text array NOT NULL, "label" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_89fe73b6b8e43f5fbe4631ddc8b" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_33c488e5751ae0eb124e5e11b1" ON "partner_api_key" ("partner_id") ');
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_cc4c257c00882010b6baa6a9ea" ON "partner_api_key" ("prefix") ');
    await queryRunner.query(
      "CREATE TYPE \"public\".\"partner_kind\" AS ENUM('bailleur_social', 'bailleur_prive', 'caf', 'etat', 'departement', 'ccapex', 'adil', 'ccas', 'commissaire_de_justice', 'equipe_mobile', 'association', 'plateforme_appels')",
    );
    await queryRunner.query(
      'CREATE TABLE "partner" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "slug" text NOT NULL, "name" text NOT NULL, "kind" "public"."partner_kind" NOT NULL, "territory" text NOT NULL, "public_phone" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8f34ff11ddd5459eacbfacd48ca" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_26fab9e1f50dcdc0281ec087ca" ON "partner" ("slug") ');
    await queryRunner.query(
      'CREATE TABLE "audit_entry" ("id" BIGSERIAL NOT NULL, "actor_partner_id" uuid, "action" text NOT NULL, "subject_type" text NOT NULL, "subject_id" text NOT NULL, "correlation_id" text, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_58a130a4b9da189f46ba2a01801" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "ix_audit_entry_subject" ON "audit_entry" ("subject_type", "subject_id") ');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "audit_entry"');
    await queryRunner.query('DROP TABLE "partner"');
    await queryRunner.query('DROP TABLE "partner_api_key"');
    await queryRunner.query('DROP TABLE "outbound_message"');
    await queryRunner.query('DROP TABLE "message_status_event"');
    await queryRunner.query('DROP TABLE "inbound_response"');
    await queryRunner.query('DROP TABLE "partner_submission"');
    await queryRunner.query('DROP TABLE "stage_event"');
    await queryRunner.query('DROP TABLE "procedure"');
    await queryRunner.query('DROP TABLE "partner_record"');
    await queryRunner.query('DROP TABLE "household_opt_out"');
    await queryRunner.query('DROP TABLE "household"');
    await queryRunner.query('DROP TYPE "public"."partner_kind"');
    await queryRunner.query('DROP TYPE "public"."message_status"');
    await queryRunner.query('DROP TYPE "public"."message_channel"');
    await queryRunner.query('DROP TYPE "public"."stage_event_type"');
    await queryRunner.query('DROP TYPE "public"."procedure_stage"');
  }
}
