import { Inject, Injectable } from '@nestjs/common';
import { Principal } from '@unisson/access';
import { AuditTrail } from '@unisson/audit';
import { APP_CONFIG, AppConfig } from '@unisson/config';
import { UnissonError } from '@unisson/platform';
import { endpointUrlProblem, PartnerEventType } from './domain/partner-event';
import { encryptSecret, newWebhookSecret } from './domain/signature';
import { WebhookEndpoint } from './entities/webhook-endpoint.entity';
import { PartnerNotifier } from './partner-notifier';
import { WebhooksRepository } from './webhooks.repository';

/** Partners register, list, test and remove the addresses Unisson notifies. */
@Injectable()
export class WebhookEndpointsService {
  constructor(
    private readonly webhooks: WebhooksRepository,
    private readonly notifier: PartnerNotifier,
    private readonly audit: AuditTrail,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async register(actor: Principal, partnerId: string, input: { url: string; events: PartnerEventType[]; description?: string | null }) {
    const problem = endpointUrlProblem(input.url, this.config.env === 'production');
    if (problem) throw UnissonError.validation([{ field: 'url', message: problem }]);
    const secret = newWebhookSecret();
    const endpoint = await this.webhooks.insertEndpoint({
      partnerId,
      url: input.url,
      events: [...new Set(input.events)],
      secretCiphertext: encryptSecret(secret, this.config.security.appSecret),
      description: input.description ?? null,
    });
    this.notifier.refresh();
    await this.audit.record({
      actor,
      action: 'webhook_endpoint.create',
      subjectType: 'webhook_endpoint',
      subjectId: endpoint.id,
      outcome: 'success',
    });
    return { endpoint, secret };
  }

  async disable(actor: Principal, endpoint: WebhookEndpoint): Promise<void> {
    await this.webhooks.disableEndpoint(endpoint.id);
    this.notifier.refresh();
    await this.audit.record({
      actor,
      action: 'webhook_endpoint.disable',
      subjectType: 'webhook_endpoint',
      subjectId: endpoint.id,
      outcome: 'success',
    });
  }

  /** Sends a `webhook.test` event to one endpoint, through the normal delivery path. */
  async test(endpoint: WebhookEndpoint): Promise<string[]> {
    return this.webhooks
      .insertDeliveries([
        {
          endpointId: endpoint.id,
          partnerId: endpoint.partnerId,
          eventId: `test:${Date.now()}`,
          eventType: 'webhook.test',
          payload: {
            id: `test:${Date.now()}`,
            type: 'webhook.test',
            occurredAt: new Date().toISOString(),
            householdId: null,
            partnerRef: null,
            data: {},
          },
        },
      ])
      .then(async (ids) => {
        await this.notifier.enqueue(ids);
        return ids;
      });
  }
}
