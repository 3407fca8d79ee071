import { MigrationInterface, QueryRunner } from 'typeorm';

/** Experiments declared up front and the arm each household was put in. */
export class Experiments1801000000000 implements MigrationInterface {
  name = 'Experiments1801000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "experiment" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "key" text NOT NULL, "name" text NOT NULL, "territory" text NOT NULL, "stage" text NOT NULL, "purpose" text NOT NULL, "channel" text NOT NULL, "arms" jsonb NOT NULL, "holdout_share" double precision NOT NULL, "primary_response_kinds" text array NOT NULL, "response_window_days" integer NOT NULL, "baseline_rate" double precision NOT NULL, "minimum_detectable_effect" double precision NOT NULL, "alpha" double precision NOT NULL, "power" double precision NOT NULL, "planned_units" integer NOT NULL, "allocation" text NOT NULL DEFAULT 'fixed', "current_weights" double precision array, "status" text NOT NULL DEFAULT 'running', "created_by" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "stopped_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_4f6eec215c62eec1e0fde987caf" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_219bf5cd72ee92df0a04907254" ON "experiment" ("key")`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_experiment_running_scope" ON "experiment" ("territory", "stage", "purpose", "channel") WHERE status = 'running'`,
    );
    await queryRunner.query(
      `CREATE TABLE "experiment_assignment" ("experiment_id" uuid NOT NULL, "household_id" uuid NOT NULL, "arm" text NOT NULL, "variant" text NOT NULL, "assigned_at" TIMESTAMP WITH TIME ZONE NOT NULL, "responded_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_0fd47c013d3b2146ba71955b80e" PRIMARY KEY ("experiment_id", "household_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_experiment_assignment_household" ON "experiment_assignment" ("household_id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "experiment_assignment"`);
    await queryRunner.query(`DROP TABLE "experiment"`);
  }
}
