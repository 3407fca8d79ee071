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

/** The only file of the library that talks to the database. */
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
}
