import { Module } from '@nestjs/common';
import { IntakeAcceptanceModule } from '@unisson/intake';
import { BulkImportRepository } from './bulk-import.repository';
import { BulkImportService } from './bulk-import.service';
import { BulkImportPageController } from './http/bulk-import-page.controller';
import { BulkImportController } from './http/bulk-import.controller';
import { BulkImportProcessor } from './jobs/bulk-import.processor';

/** Upload routes and page (apps/api). Call `acceptCsvUploads` on the Fastify instance too. */
@Module({
  imports: [IntakeAcceptanceModule],
  providers: [BulkImportRepository, BulkImportService],
  controllers: [BulkImportController, BulkImportPageController],
})
export class BulkImportHttpModule {}

/** The import runner (apps/worker). */
@Module({ imports: [IntakeAcceptanceModule], providers: [BulkImportRepository, BulkImportService, BulkImportProcessor] })
export class BulkImportJobsModule {}
