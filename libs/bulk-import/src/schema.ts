import type { MixedList } from 'typeorm';
import { BulkImportError } from './entities/bulk-import-error.entity';
import { BulkImportFile } from './entities/bulk-import-file.entity';
import { BulkImport } from './entities/bulk-import.entity';
import { BulkImport1795000000300 } from './migrations/1795000000300-bulk-import';
import { BulkImportFileSealed1810000000004 } from './migrations/1810000000004-bulk-import-file-sealed';
import { SubmissionOfImport1816000000000 } from './migrations/1816000000000-submission-of-import';

export const bulkImportEntities: MixedList<Function> = [BulkImport, BulkImportFile, BulkImportError];
export const bulkImportMigrations: MixedList<Function> = [
  BulkImport1795000000300,
  BulkImportFileSealed1810000000004,
  SubmissionOfImport1816000000000,
];
