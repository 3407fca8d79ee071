import type { MixedList } from 'typeorm';
import { WebhookDelivery } from './entities/webhook-delivery.entity';
import { WebhookEndpoint } from './entities/webhook-endpoint.entity';
import { Webhooks1795000000200 } from './migrations/1795000000200-webhooks';

export const webhooksEntities: MixedList<Function> = [WebhookEndpoint, WebhookDelivery];
export const webhooksMigrations: MixedList<Function> = [Webhooks1795000000200];
