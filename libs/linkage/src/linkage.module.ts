import { Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@unisson/config';
import { LinkageReviewController } from './http/linkage-review.controller';
import { LINKAGE_THRESHOLDS, linkageThresholdsFrom } from './linkage.config';
import { LinkageRepository } from './linkage.repository';
import { LinkageService } from './linkage.service';

/**
 * Household matching: LinkageService (real-time linkRecord, batch relinkTerritory, review
 * decisions) and the review HTTP routes under /v1/linkage/review. Needs a TypeORM DataSource.
 */
@Module({
  controllers: [LinkageReviewController],
  providers: [
    LinkageRepository,
    LinkageService,
    { provide: LINKAGE_THRESHOLDS, useFactory: (config: AppConfig) => linkageThresholdsFrom(config.linkage), inject: [APP_CONFIG] },
  ],
  exports: [LinkageService],
})
export class LinkageModule {}
