import { randomUUID } from 'node:crypto';
import { computeTwilioSignature } from '@unisson/channels';
import type { SandboxStore, WebhookDelivery } from '../sandbox-store';

export interface WebhookResult {
  httpStatus: number | null;
  body: string | null;
  error: string | null;
}

/**
 * POSTs form-encoded parameters the way Twilio does: X-Twilio-Signature computed with the SDK's
 * algorithm over the exact URL and parameters, plus Twilio's idempotency token header. No retry.
 */
export class WebhookPoster {
  constructor(
    private readonly authToken: string,
    private readonly store: SandboxStore,
    private readonly timeoutMs = 5_000,
  ) {}

  async post(kind: WebhookDelivery['kind'], sid: string, url: string, params: Record<string, string>): Promise<WebhookResult> {
    const signature = computeTwilioSignature(this.authToken, url, params);
    const delivery: WebhookDelivery = {
      at: new Date(),
      kind,
      sid,
      url,
      params,
      signature,
      httpStatus: null,
      error: null,
    };
    this.store.webhooks.push(delivery);
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
          'x-twilio-signature': signature,
          'i-twilio-idempotency-token': randomUUID(),
          'user-agent': 'TwilioProxy/1.1',
        },
        body: new URLSearchParams(params).toString(),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      delivery.httpStatus = response.status;
      return { httpStatus: response.status, body: await response.text(), error: null };
    } catch (error) {
      delivery.error = error instanceof Error ? error.message : String(error);
      return { httpStatus: null, body: null, error: delivery.error };
    }
  }
}
