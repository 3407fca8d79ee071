import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@unisson/config';
import { decryptSecret, SIGNATURE_HEADER, signatureHeader } from './domain/signature';
import { InternalAddressRefused, postOnce } from './webhook-post';
import { WebhooksRepository } from './webhooks.repository';

const TIMEOUT_MS = 10_000;

export class DeliveryFailed extends Error {
  constructor(
    readonly statusCode: number | null,
    reason: string,
  ) {
    super(reason);
    this.name = 'DeliveryFailed';
  }
}

/** Sends one delivery: a signed POST; 2xx is delivered, anything else is retried by the job's backoff. */
@Injectable()
export class WebhookDeliveryService {
  private readonly logger = new Logger('WebhookDelivery');

  constructor(
    private readonly webhooks: WebhooksRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * `attempt` counts from 1; on the last one a failure is final. `nextDelayMs` is the job's next
   * backoff, written in the log so the partner sees when the next try comes.
   */
  async deliver(deliveryId: string, attempt: number, lastAttempt: boolean, nextDelayMs: number): Promise<'delivered' | 'skipped'> {
    const delivery = await this.webhooks.findDelivery(deliveryId);
    if (!delivery || delivery.status !== 'pending') return 'skipped';
    const endpoint = await this.webhooks.findEndpoint(delivery.endpointId);
    if (!endpoint || endpoint.disabledAt) {
      await this.webhooks.recordAttempt(deliveryId, {
        delivered: false,
        statusCode: null,
        error: 'adresse désactivée',
        nextAttemptAt: null,
        final: true,
      });
      return 'skipped';
    }
    const body = JSON.stringify(delivery.payload);
    const timestamp = Math.floor(Date.now() / 1000);
    let statusCode: number | null = null;
    let error: string | null = null;
    try {
      statusCode = await postOnce(
        endpoint.url,
        {
          'content-type': 'application/json',
          'user-agent': 'Unisson-Webhooks/1',
          'unisson-event': delivery.eventType,
          'unisson-delivery': delivery.id,
          'unisson-attempt': String(attempt),
          [SIGNATURE_HEADER]: signatureHeader(decryptSecret(endpoint.secretCiphertext, this.config.security.appSecret), timestamp, body),
        },
        body,
        // In production the URL was checked when registered; its name is checked again as it resolves, at each try.
        { timeoutMs: TIMEOUT_MS, publicOnly: this.config.env === 'production' },
      );
      if (statusCode < 200 || statusCode >= 300) error = `réponse HTTP ${statusCode}`;
    } catch (e) {
      error =
        e instanceof InternalAddressRefused
          ? 'adresse refusée : elle mène au réseau interne, rien n’a été envoyé ; déclarez une adresse publique'
          : (e as Error).name === 'TimeoutError'
            ? `pas de réponse en ${TIMEOUT_MS / 1000} s`
            : 'connexion impossible';
    }
    const delivered = error === null;
    await this.webhooks.recordAttempt(deliveryId, {
      delivered,
      statusCode,
      error,
      nextAttemptAt: delivered || lastAttempt ? null : new Date(Date.now() + nextDelayMs),
      final: !delivered && lastAttempt,
    });
    if (!delivered) {
      this.logger.warn({ deliveryId, attempt, statusCode, final: lastAttempt }, 'webhook delivery failed');
      throw new DeliveryFailed(statusCode, error!);
    }
    return 'delivered';
  }
}
