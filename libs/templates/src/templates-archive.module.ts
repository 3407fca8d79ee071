import { Module } from '@nestjs/common';
import { TemplateLibraryModule } from './templates.module';
import { TemplateVersionArchive } from './template-version.archive';
import { TemplateVersionRepository } from './template-version.repository';
import { TemplateReviewPagesController } from './http/template-review-pages.controller';
import { TemplateReviewController } from './http/template-review.controller';
import { TemplateReviewService } from './review/template-review.service';

/** Database side of the library (needs TypeORM configured by the app): the version archive. */
@Module({
  imports: [TemplateLibraryModule],
  providers: [TemplateVersionRepository, TemplateVersionArchive],
  exports: [TemplateVersionArchive, TemplateVersionRepository],
})
export class TemplatesArchiveModule {}

/** The review workflow (apps/api): the review list and version comparison, API and French pages. */
@Module({
  imports: [TemplatesArchiveModule],
  providers: [TemplateReviewService],
  controllers: [TemplateReviewController, TemplateReviewPagesController],
})
export class TemplateReviewModule {}
