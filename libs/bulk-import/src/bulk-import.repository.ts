import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BulkImportError } from './entities/bulk-import-error.entity';
import { BulkImportFile } from './entities/bulk-import-file.entity';
import { BulkImport, BulkImportStatus } from './entities/bulk-import.entity';

export interface ChunkResult {
  rowsDone: number;
  invalid: number;
  created: number;
  replayed: number;
  errors: Array<{ line: number; field: string; reason: string }>;
}

@Injectable()
export class BulkImportRepository {
  constructor(private readonly dataSource: DataSource) {}

  findByFile(partnerId: string, fileSha256: string): Promise<BulkImport | null> {
    return this.dataSource.getRepository(BulkImport).findOne({ where: { partnerId, fileSha256 } });
  }

  /** Stores the import and its file together; null when the same partner already uploaded this very file. */
  async insertImport(
    row: Pick<BulkImport, 'partnerId' | 'createdBy' | 'fileName' | 'fileSha256' | 'byteSize' | 'encoding' | 'delimiter'>,
    content: Buffer,
  ): Promise<BulkImport | null> {
    return this.dataSource.transaction(async (manager) => {
      const inserted = await manager.createQueryBuilder().insert().into(BulkImport).values(row).orIgnore().returning('id').execute();
      const id = (inserted.raw as Array<{ id: string }>)[0]?.id;
      if (!id) return null;
      await manager.insert(BulkImportFile, { importId: id, content });
      return manager.findOneOrFail(BulkImport, { where: { id } });
    });
  }

  find(id: string): Promise<BulkImport | null> {
    return this.dataSource.getRepository(BulkImport).findOne({ where: { id } });
  }

  listOfPartner(partnerId: string | null, limit = 50): Promise<BulkImport[]> {
    return this.dataSource.getRepository(BulkImport).find({
      where: partnerId ? { partnerId } : {},
      order: { createdAt: 'DESC' },
      take: limit,
    });
  }

  async loadFile(id: string): Promise<Buffer | null> {
    const row = await this.dataSource.getRepository(BulkImportFile).findOne({ where: { importId: id } });
    return row?.content ?? null;
  }

  async markStarted(id: string, rowsTotal: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE bulk_import SET status = 'processing', rows_total = $2, started_at = COALESCE(started_at, now()) WHERE id = $1 AND status IN ('queued', 'processing')`,
      [id, rowsTotal],
    );
  }

  /**
   * Commits one chunk: its counts and its errors, only if the import is where the chunk started
   * (a second copy of the job racing this one writes nothing).
   */
  async commitChunk(id: string, startedAt: number, chunk: ChunkResult): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const updated: [unknown[], number] = await manager.query(
        `UPDATE bulk_import SET rows_done = $3, rows_invalid = rows_invalid + $4, alerts_created = alerts_created + $5, alerts_replayed = alerts_replayed + $6
          WHERE id = $1 AND rows_done = $2 AND status = 'processing'`,
        [id, startedAt, chunk.rowsDone, chunk.invalid, chunk.created, chunk.replayed],
      );
      if (updated[1] !== 1) return false;
      if (chunk.errors.length) {
        await manager
          .createQueryBuilder()
          .insert()
          .into(BulkImportError)
          .values(chunk.errors.map((e) => ({ importId: id, ...e })))
          .execute();
      }
      return true;
    });
  }

  async finish(id: string, status: Extract<BulkImportStatus, 'completed' | 'failed'>, failure: string | null): Promise<void> {
    await this.dataSource.query(
      `UPDATE bulk_import SET status = $2, failure = $3, finished_at = now() WHERE id = $1 AND status IN ('queued', 'processing')`,
      [id, status, failure],
    );
  }

  errors(id: string, limit: number, offset = 0): Promise<BulkImportError[]> {
    return this.dataSource
      .getRepository(BulkImportError)
      .find({ where: { importId: id }, order: { line: 'ASC', id: 'ASC' }, take: limit, skip: offset });
  }

  async requeue(id: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE bulk_import SET status = 'processing', failure = NULL, finished_at = NULL WHERE id = $1 AND status = 'failed'`,
      [id],
    );
  }

  countErrors(id: string): Promise<number> {
    return this.dataSource.getRepository(BulkImportError).count({ where: { importId: id } });
  }

  /** Imports left unfinished (the worker died, Redis lost the job): the sweeper enqueues them again. */
  async findUnfinishedIds(olderThanMs: number): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `SELECT id FROM bulk_import WHERE status IN ('queued', 'processing') AND created_at < now() - ($1 || ' milliseconds')::interval ORDER BY created_at LIMIT 100`,
      [String(olderThanMs)],
    );
    return rows.map((r) => r.id);
  }
}
