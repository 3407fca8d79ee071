export { BulkImportHttpModule, BulkImportJobsModule } from './bulk-import.module';
export { acceptCsvUploads } from './http/bulk-import.controller';
export { ALERT_COLUMNS, mapHeader, rowToAlert } from './domain/alert-columns';
export { bulkImportEntities, bulkImportMigrations } from './schema';
export type { ImportStatus, UploadAnswer } from './http/bulk-import.openapi';
