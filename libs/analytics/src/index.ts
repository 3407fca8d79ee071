/** Public surface of analytics (issue 12): its read model, attribution, reports and the analysts' dashboard. */
export { AnalyticsFactsModule } from './analytics-facts.module';
export { MessageFactsRecorder, ComposedMessageFact } from './message-facts.recorder';
export { analyticsEntities, analyticsMigrations } from './schema';
