import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type BulkImportStatus = 'queued' | 'processing' | 'completed' | 'failed';

/** A landlord's file of arrears alerts and its progress (counts only, no personal data). */
@Entity({ name: 'bulk_import' })
@Index('uq_bulk_import_file', ['partnerId', 'fileSha256'], { unique: true })
@Index('ix_bulk_import_status', ['status', 'createdAt'])
export class BulkImport {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ name: 'partner_id', type: 'uuid' })
  partnerId: string;

  /** The key or account that uploaded it (`key:<id>` / `account:<id>`). */
  @Column({ name: 'created_by', type: 'text' })
  createdBy: string;

  @Column({ name: 'file_name', type: 'text' })
  fileName: string;

  @Column({ name: 'file_sha256', type: 'text' })
  fileSha256: string;

  @Column({ name: 'byte_size', type: 'integer' })
  byteSize: number;

  /** 'utf-8' or 'windows-1252', and ';' or ',', as detected. */
  @Column({ type: 'text', nullable: true })
  encoding: string | null;

  @Column({ type: 'text', nullable: true })
  delimiter: string | null;

  @Column({ type: 'text', default: 'queued' })
  status: BulkImportStatus;

  /** Data rows in the file, once counted (null until the first pass). */
  @Column({ name: 'rows_total', type: 'integer', nullable: true })
  rowsTotal: number | null;

  /** Rows handled so far (valid or not), committed: a restarted job resumes after them. */
  @Column({ name: 'rows_done', type: 'integer', default: 0 })
  rowsDone: number;

  @Column({ name: 'rows_invalid', type: 'integer', default: 0 })
  rowsInvalid: number;

  @Column({ name: 'alerts_created', type: 'integer', default: 0 })
  alertsCreated: number;

  /** Valid rows already received before (same row, same idempotency key): not created twice. */
  @Column({ name: 'alerts_replayed', type: 'integer', default: 0 })
  alertsReplayed: number;

  @Column({ name: 'failure', type: 'text', nullable: true })
  failure: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;
}
