import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient';
import type { AppConfig } from '@unisson/config';
import { ChannelError } from './domain/channel-error';
import { countSmsSegments } from './domain/sms-segments';
import { TwilioFailure, twilioFailureToChannelError } from './domain/twilio-error-mapping';
import { RecentSms, SmsReceipt, SmsRequest, SmsSender } from './sms-sender';
import { PooledRequestClient, PooledRequestClientOptions } from './twilio-http-client';

type TwilioConfig = AppConfig['twilio'];

const TWILIO_HOST = /^https:\/\/([a-z0-9-]+\.)*twilio\.com(?=\/|$)/i;

/** https://api.twilio.com/2010-04-01/... -> <baseUrl>/2010-04-01/... ; other URLs untouched. */
export function rewriteTwilioUrl(uri: string, baseUrl: string): string {
  return uri.replace(TWILIO_HOST, baseUrl.replace(/\/$/, ''));
}

/**
 * The SDK's HTTP client, aimed at another host (the local provider sandbox). Everything
 * else (auth, form encoding, paging, errors) stays the SDK's.
 */
export class BaseUrlRequestClient extends PooledRequestClient {
  constructor(
    private readonly baseUrl: string,
    options?: PooledRequestClientOptions,
  ) {
    super(options);
  }

  override request<TData>(opts: RequestClient.RequestOptions<TData>) {
    return super.request({ ...opts, uri: rewriteTwilioUrl(opts.uri, this.baseUrl) });
  }
}

interface AxiosLikeError {
  isAxiosError?: boolean;
  code?: string;
  message?: string;
}

export function describeTwilioFailure(error: unknown): TwilioFailure {
  if (error instanceof twilio.RestException) {
    return { kind: 'rest', status: error.status, code: error.code, message: error.message ?? '' };
  }
  // Duck-typed on purpose: socket errors may come from another realm, where instanceof Error fails.
  if (typeof error === 'object' && error !== null) {
    const axiosLike = error as AxiosLikeError;
    const message = typeof axiosLike.message === 'string' ? axiosLike.message : String(error);
    if (axiosLike.isAxiosError || (axiosLike.code && /^E[A-Z]+$/.test(axiosLike.code))) {
      return { kind: 'network', code: axiosLike.code, message };
    }
    if (message.startsWith('Required parameter')) return { kind: 'client-validation', message };
    return { kind: 'unknown', message };
  }
  return { kind: 'unknown', message: String(error) };
}

function toChannelError(error: unknown): ChannelError {
  return twilioFailureToChannelError(describeTwilioFailure(error));
}

/**
 * Production (baseUrl null) talks to api.twilio.com; otherwise only the host is replaced. Every
 * request has a timeout and goes over a kept-alive connection (PooledRequestClient); with a
 * proxy or a CA bundle (HTTP_PROXY, TWILIO_CA_BUNDLE), the SDK's own client, which reads them.
 */
export function twilioClientOptions(config: Pick<TwilioConfig, 'baseUrl'>, timeoutMs = 15_000): twilio.ClientOpts {
  if (config.baseUrl === null) {
    const sdkOwn = Boolean(process.env.HTTP_PROXY || process.env.TWILIO_CA_BUNDLE);
    return { httpClient: sdkOwn ? new twilio.RequestClient({ timeout: timeoutMs }) : new PooledRequestClient({ timeout: timeoutMs }) };
  }
  return { httpClient: new BaseUrlRequestClient(config.baseUrl, { timeout: timeoutMs }) };
}

/**
 * Sends SMS through the official Twilio SDK. With `baseUrl` null the SDK is untouched and talks
 * to api.twilio.com; with a base URL (local sandbox) only the host changes.
 */
export class TwilioSmsSender extends SmsSender {
  private readonly client: twilio.Twilio;

  constructor(
    private readonly config: TwilioConfig,
    timeoutMs = 15_000,
  ) {
    super();
    this.client = twilio(config.accountSid, config.authToken, twilioClientOptions(config, timeoutMs));
  }

  get fromNumber(): string {
    return this.config.fromNumber;
  }

  async send(req: SmsRequest): Promise<SmsReceipt> {
    try {
      const message = await this.client.messages.create({
        to: req.to,
        from: this.config.fromNumber,
        body: req.body,
        ...(req.statusCallbackUrl ? { statusCallback: req.statusCallbackUrl } : {}),
      });
      const segments = Number.parseInt(message.numSegments ?? '', 10);
      return {
        providerMessageId: message.sid,
        providerStatus: message.status,
        segments: Number.isFinite(segments) && segments > 0 ? segments : countSmsSegments(req.body),
      };
    } catch (error) {
      throw toChannelError(error);
    }
  }

  /** The provider's status of one message it accepted ('queued', 'sent', 'delivered'…). */
  async fetchStatus(providerMessageId: string): Promise<string> {
    try {
      return (await this.client.messages(providerMessageId).fetch()).status;
    } catch (error) {
      throw toChannelError(error);
    }
  }

  /**
   * Messages from our number to `to` created at or after `since`, newest first. Filters on the
   * creation date client-side: Twilio's DateSent filter would miss messages still queued.
   */
  async findRecent(to: string, since: Date): Promise<RecentSms[]> {
    try {
      const messages = await this.client.messages.list({
        to,
        from: this.config.fromNumber,
        limit: 100,
        pageSize: 100,
      });
      return messages
        .filter((m) => m.dateCreated !== null && m.dateCreated.getTime() >= since.getTime())
        .map((m) => ({ providerMessageId: m.sid, body: m.body, status: m.status }));
    } catch (error) {
      throw toChannelError(error);
    }
  }
}
