import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { TemplateVersionRow } from './entities/template-version.entity';

export interface TemplateVersionSnapshot {
  hash: string;
  templateKey: string;
  version: number;
  locale: string;
  content: Record<string, unknown>;
}

/**
 * The only file of the library that talks to the database. It inserts versions and reads them; it
 * has no update and no delete: an archived version is never edited in place (the database's
 * `template_version_immutable` trigger refuses it too, and refuses deleting a version a message used).
 */
@Injectable()
export class TemplateVersionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Inserts the snapshots not archived yet, in one statement; an archived hash is never rewritten. */
  async archiveMissingVersions(snapshots: TemplateVersionSnapshot[]): Promise<number> {
    if (snapshots.length === 0) return 0;
    const result = await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(TemplateVersionRow)
      // jsonb content is a plain object; TypeORM's deep-partial type cannot see that.
      .values(snapshots as unknown as QueryDeepPartialEntity<TemplateVersionRow>[])
      .orIgnore()
      .returning(['hash'])
      .execute();
    return result.raw.length as number;
  }

  findByHash(hash: string): Promise<TemplateVersionRow | null> {
    return this.dataSource.getRepository(TemplateVersionRow).findOneBy({ hash });
  }

  /**
   * The version a reviewer compares the current one with: the newest archived version of the
   * template in that locale whose text differs from the current one (null when it never changed).
   */
  findPrevious(templateKey: string, locale: string, currentHash: string): Promise<TemplateVersionRow | null> {
    return this.dataSource
      .getRepository(TemplateVersionRow)
      .createQueryBuilder('v')
      .where('v.templateKey = :templateKey AND v.locale = :locale AND v.hash <> :currentHash', { templateKey, locale, currentHash })
      .orderBy('v.version', 'DESC')
      .addOrderBy('v.archivedAt', 'DESC')
      .getOne();
  }

  /** Every archived version of a template in a locale, newest first (no content). */
  async history(templateKey: string, locale: string): Promise<Array<{ hash: string; version: number; archivedAt: Date }>> {
    const rows = await this.dataSource.getRepository(TemplateVersionRow).find({
      select: { hash: true, version: true, archivedAt: true },
      where: { templateKey, locale },
      order: { version: 'DESC', archivedAt: 'DESC' },
    });
    return rows.map((r) => ({ hash: r.hash, version: r.version, archivedAt: r.archivedAt }));
  }
}
