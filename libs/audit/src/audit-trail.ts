import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { BatchWriter } from '@unisson/platform';
import { AuditRecord, auditRow } from './domain/audit-record';
import { AuditRepository, AuditRow } from './audit.repository';

/**
 * Writes the audit trail. Concurrent entries share one INSERT (a group commit every 2 ms), and
 * every caller waits for its entry to be committed: a read whose entry cannot be written fails
 * rather than going unrecorded.
 */
@Injectable()
export class AuditTrail implements OnModuleDestroy {
  private readonly writer: BatchWriter<AuditRow, void>;

  constructor(private readonly repository: AuditRepository) {
    this.writer = new BatchWriter(
      async (rows) => {
        await this.repository.append(rows);
        return rows.map((): void => undefined);
      },
      { maxBatch: 500, maxDelayMs: 2 },
    );
  }

  record(entry: AuditRecord): Promise<void> {
    return this.writer.write(auditRow(entry));
  }

  recordMany(entries: AuditRecord[]): Promise<void> {
    return this.repository.append(entries.map(auditRow));
  }

  async onModuleDestroy(): Promise<void> {
    await this.writer.drain();
  }
}
