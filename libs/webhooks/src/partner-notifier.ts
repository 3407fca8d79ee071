import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { HouseholdRecordsReader } from '@unisson/households';
import { jobSpec, QUEUES } from '@unisson/queues';
import { PartnerEvent, webhookBody } from './domain/partner-event';
import { WebhooksRepository } from './webhooks.repository';

const ENDPOINT_CACHE_MS = 30_000;

/**
 * The port other capabilities call to tell partners something happened to their household
 * (`notifyPartner`). It records one delivery per interested endpoint in PostgreSQL (idempotent
 * per endpoint and event) and queues its sending: the HTTP call itself happens in the worker.
 */
@Injectable()
export class PartnerNotifier {
  private readonly logger = new Logger('PartnerNotifier');
  private listening: { partners: Set<string>; until: number } | null = null;

  constructor(
    private readonly webhooks: WebhooksRepository,
    private readonly households: HouseholdRecordsReader,
    @InjectQueue(QUEUES.webhooks) private readonly queue: Queue,
  ) {}

  /** Returns how many deliveries were queued (0 when nobody listens). */
  async notifyPartner(event: PartnerEvent): Promise<number> {
    const listening = await this.partnersListening();
    const holders = (await this.households.recordHolders([event.householdId])).get(event.householdId) ?? [];
    const recipients = (event.partnerIds ?? holders.map((h) => h.partnerId)).filter((p) => listening.has(p));
    if (!recipients.length) return 0;
    const endpoints = await this.webhooks.activeEndpoints([...new Set(recipients)], event.type);
    const ids = await this.webhooks.insertDeliveries(
      endpoints.map((endpoint) => ({
        endpointId: endpoint.id,
        partnerId: endpoint.partnerId,
        eventId: event.eventId,
        eventType: event.type,
        payload: webhookBody(event, holders.find((h) => h.partnerId === endpoint.partnerId)?.partnerRef ?? null) as unknown as Record<
          string,
          unknown
        >,
      })),
    );
    await this.enqueue(ids);
    return ids.length;
  }

  /** Queues deliveries already stored. If Redis fails here, the sweeper finds them in PostgreSQL. */
  async enqueue(deliveryIds: string[]): Promise<void> {
    if (!deliveryIds.length) return;
    await this.queue
      .addBulk(deliveryIds.map((deliveryId) => jobSpec('webhook.deliver', { deliveryId })))
      .catch((error: unknown) =>
        this.logger.warn({ err: String(error), count: deliveryIds.length }, 'webhook enqueue failed; the sweeper will retry'),
      );
  }

  /** True when the partner has an active endpoint (cached 30 s): callers skip all work otherwise. */
  async isListening(partnerId: string): Promise<boolean> {
    return (await this.partnersListening()).has(partnerId);
  }

  /** Forget the cached list of listening partners (after an endpoint is added or removed). */
  refresh(): void {
    this.listening = null;
  }

  private async partnersListening(): Promise<Set<string>> {
    if (!this.listening || this.listening.until < Date.now()) {
      this.listening = { partners: await this.webhooks.partnersWithEndpoints(), until: Date.now() + ENDPOINT_CACHE_MS };
    }
    return this.listening.partners;
  }
}
