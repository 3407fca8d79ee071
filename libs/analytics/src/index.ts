/** Public surface of analytics (issue 12): its read model, attribution, reports and the analysts' dashboard. */
export { AnalyticsFactsModule } from './analytics-facts.module';
export { AnalyticsModule, AnalyticsHttpModule } from './analytics.module';
export { AnalyticsService, AnalyticsReport } from './analytics.service';
export { AnalyticsProjector } from './analytics-projector';
export { AnalyticsRepository, AnalyticsFilter } from './analytics.repository';
export { MessageFactsRecorder, ComposedMessageFact } from './message-facts.recorder';
export { attribute, responseWindowDays, REPORTABLE_OUTCOMES } from './domain/attribution';
export { CHARTER_INDICATORS, charterFigures, charterCsv } from './domain/charter-indicators';
export { hiddenInChain, hiddenInPartition, SMALL_CELL } from './domain/small-cells';
export { publishCount, publishedCount, reportWindow, ROUNDING_BASE } from './domain/disclosure';
export { analyticsEntities, analyticsMigrations } from './schema';
