import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A template version is content-addressed: its hash names its text. The database refuses any
 * change to an archived version (a change is a new version, a new row), and refuses to delete a
 * version an outbound message refers to (`outbound_message.template_version`), so the text behind
 * every message sent stays readable exactly as it was.
 */
export class TemplateVersionsImmutable1814000000000 implements MigrationInterface {
  name = 'TemplateVersionsImmutable1814000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE OR REPLACE FUNCTION template_version_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' THEN
          IF NEW.hash IS DISTINCT FROM OLD.hash OR NEW.template_key IS DISTINCT FROM OLD.template_key
             OR NEW.version IS DISTINCT FROM OLD.version OR NEW.locale IS DISTINCT FROM OLD.locale
             OR NEW.content IS DISTINCT FROM OLD.content THEN
            RAISE EXCEPTION 'template_version % is immutable: a changed text is a new version (new content hash)', OLD.hash
              USING ERRCODE = 'integrity_constraint_violation';
          END IF;
          RETURN NEW;
        END IF;
        IF EXISTS (SELECT 1 FROM outbound_message WHERE template_version = OLD.hash) THEN
          RAISE EXCEPTION 'template_version % is used by an outbound message and cannot be deleted', OLD.hash
            USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN OLD;
      END $$`);
    await q.query(
      `CREATE TRIGGER template_version_immutable BEFORE UPDATE OR DELETE ON "template_version" FOR EACH ROW EXECUTE FUNCTION template_version_immutable()`,
    );
    // Reading an old version beside the current one: newest first per template and locale.
    await q.query(`CREATE INDEX "ix_template_version_archived" ON "template_version" ("template_key", "locale", "archived_at" DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_template_version_archived"`);
    await q.query(`DROP TRIGGER template_version_immutable ON "template_version"`);
    await q.query(`DROP FUNCTION template_version_immutable()`);
  }
}
