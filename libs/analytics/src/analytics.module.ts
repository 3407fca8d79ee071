import { Module } from '@nestjs/common';
import { ExperimentsModule } from '@unisson/experiments';
import { HouseholdsModule, StageEventsFeed } from '@unisson/households';
import { ResponsesFeed } from '@unisson/responses';
import { AnalyticsProjector } from './analytics-projector';
import { AnalyticsRepository } from './analytics.repository';
import { AnalyticsService } from './analytics.service';
import { AnalystPagesController } from './http/analyst-pages.controller';
import { AnalyticsController } from './http/analytics.controller';
import { ExperimentsController } from './http/experiments.controller';
import { PartnerOutcomes } from './partner-outcomes.service';

/**
 * Analytics' read model kept up to date, and its reports. In the worker the projector runs in the
 * reconciler loop (it is a `JobReconciler`); in the API it catches up before each report.
 * Needs TypeORM, and the access policy (partners' module) for the outcome route.
 */
@Module({
  imports: [ExperimentsModule, HouseholdsModule],
  providers: [ResponsesFeed, StageEventsFeed, AnalyticsProjector, AnalyticsRepository, AnalyticsService],
  exports: [AnalyticsProjector, AnalyticsService, ExperimentsModule],
})
export class AnalyticsModule {}

/** The analysts' routes and pages, and partners' outcomes (apps/api; needs `ResponsesModule`). */
@Module({
  imports: [AnalyticsModule, HouseholdsModule],
  providers: [PartnerOutcomes],
  controllers: [AnalyticsController, ExperimentsController, AnalystPagesController],
})
export class AnalyticsHttpModule {}
