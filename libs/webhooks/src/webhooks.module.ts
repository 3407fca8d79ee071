import { Global, Module } from '@nestjs/common';
import { PLAN_OBSERVER } from '@unisson/coordination';
import { HouseholdsModule } from '@unisson/households';
import { IntentMergedNotifier } from './intent-merged-notifier';
import { WebhooksController } from './http/webhooks.controller';
import { WebhookDeliveryProcessor } from './jobs/webhook-delivery.processor';
import { PartnerNotifier } from './partner-notifier';
import { WebhookDeliveryService } from './webhook-delivery.service';
import { WebhookEndpointsService } from './webhook-endpoints.service';
import { WebhooksRepository } from './webhooks.repository';

/** The `PartnerNotifier` port, for every module of an app (API and worker). */
@Global()
@Module({
  imports: [HouseholdsModule],
  providers: [WebhooksRepository, PartnerNotifier, { provide: PLAN_OBSERVER, useClass: IntentMergedNotifier }],
  exports: [PartnerNotifier, WebhooksRepository, PLAN_OBSERVER],
})
export class WebhooksModule {}

/** Endpoint registration and the delivery log (apps/api). */
@Module({ providers: [WebhookEndpointsService], controllers: [WebhooksController] })
export class WebhooksHttpModule {}

/** Signed deliveries with retries (apps/worker). */
@Module({ providers: [WebhookDeliveryService, WebhookDeliveryProcessor] })
export class WebhooksJobsModule {}
