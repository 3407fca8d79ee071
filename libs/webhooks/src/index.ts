export { WebhooksHttpModule, WebhooksJobsModule, WebhooksModule } from './webhooks.module';
export { PartnerNotifier } from './partner-notifier';
export {
  EventFacts,
  mergedIntentIds,
  PARTNER_EVENT_LABELS,
  PARTNER_EVENT_TYPES,
  PartnerEvent,
  PartnerEventType,
  WebhookBody,
} from './domain/partner-event';
export { SIGNATURE_HEADER, signatureHeader, verifySignature } from './domain/signature';
export { webhooksEntities, webhooksMigrations } from './schema';
