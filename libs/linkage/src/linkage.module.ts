import { Module } from '@nestjs/common';
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
    // TODO(lead): read these through libs/config once it exposes a linkage group.
    { provide: LINKAGE_THRESHOLDS, useFactory: () => linkageThresholdsFrom(process.env) },
  ],
  exports: [LinkageService],
})
export class LinkageModule {}
