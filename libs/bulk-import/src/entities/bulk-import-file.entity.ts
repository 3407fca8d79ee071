import { Column, Entity, PrimaryColumn } from 'typeorm';
import { sealedBytesColumn } from '@unisson/crypto';

/** The uploaded bytes (tenants' names and addresses: sealed at rest), kept in PostgreSQL so that a worker restarted anywhere can resume the import. */
@Entity({ name: 'bulk_import_file' })
export class BulkImportFile {
  @PrimaryColumn({ name: 'import_id', type: 'uuid' })
  importId: string;

  @Column({ type: 'bytea', transformer: sealedBytesColumn('bulk_import_file.content') })
  content: Buffer;
}
