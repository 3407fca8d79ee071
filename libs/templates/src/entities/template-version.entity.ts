import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The exact content of one template version in one locale, kept once per content hash, so an
 * analyst can read the text behind `outbound_message.template_version` without digging in git.
 */
@Entity({ name: 'template_version' })
@Index('ix_template_version_key_locale', ['templateKey', 'locale', 'version'])
// (template_key, locale, archived_at DESC), which TypeORM cannot say: defined by migration 1814000000000.
@Index('ix_template_version_archived', { synchronize: false })
export class TemplateVersionRow {
  @PrimaryColumn({ type: 'text' })
  hash: string;

  @Column({ name: 'template_key', type: 'text' })
  templateKey: string;

  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'text' })
  locale: string;

  /** Definition (without sample data), the template's namespace, `common` and the layouts. */
  @Column({ type: 'jsonb' })
  content: Record<string, unknown>;

  @Column({ name: 'archived_at', type: 'timestamptz', default: () => 'now()' })
  archivedAt: Date;
}
