import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The uploaded bytes, kept in PostgreSQL so that a worker restarted anywhere can resume the import. */
@Entity({ name: 'bulk_import_file' })
export class BulkImportFile {
  @PrimaryColumn({ name: 'import_id', type: 'uuid' })
  importId: string;

  @Column({ type: 'bytea' })
  content: Buffer;
}
