import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One problem of one row: line, column and reason in French (never the cell's value). */
@Entity({ name: 'bulk_import_error' })
@Index('ix_bulk_import_error_line', ['importId', 'line'])
export class BulkImportError {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column({ name: 'import_id', type: 'uuid' })
  importId: string;

  @Column({ type: 'integer' })
  line: number;

  @Column({ type: 'text' })
  field: string;

  @Column({ type: 'text' })
  reason: string;
}
