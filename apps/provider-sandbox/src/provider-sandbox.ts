import type { AddressInfo } from 'node:net';
import formbody from '@fastify/formbody';
import fastify from 'fastify';
import pino, { Logger } from 'pino';
import { SandboxFaults } from './domain/faults';
import { registerSandboxRoutes } from './http/sandbox-routes';
import { SandboxStore } from './sandbox-store';
import { startSmtpCatcher } from './smtp/smtp-catcher';
import { ProviderLifecycle } from './twilio/lifecycle';
import { putInFrontOfFastify } from './twilio/messages-fast-path';
import { InboundSmsResult, TwilioEmulator } from './twilio/twilio-emulator';
import { registerTwilioRoutes } from './twilio/twilio-routes';
import { WebhookPoster } from './twilio/webhook-poster';

export interface ProviderSandboxOptions {
  host?: string;
  /** 0 = a random free port */
  twilioPort?: number;
  /** 0 = a random free port */
  smtpPort?: number;
  accountSid: string;
  authToken: string;
  /** the application's incoming-SMS webhook (Twilio's "A message comes in" URL) */
  inboundSmsWebhookUrl?: string;
  /** delay between two status changes of a message or call (default 200 ms) */
  lifecycleDelayMs?: number;
  /** the application's bounce webhook, where reports to `mailReturnPath`'s domain are handed (signed) */
  bounceWebhookUrl?: string;
  /** MAIL_RETURN_PATH: its domain is the one the bounce webhook serves */
  mailReturnPath?: string;
  /** MAIL_WEBHOOK_SECRET */
  mailWebhookSecret?: string;
  /** our Twilio number: the `To` of simulated incoming SMS */
  phoneNumber?: string;
  logger?: Logger;
  /**
   * Answer POST Messages.json on Node's http, in front of Fastify (default true); false sends it
   * through Fastify like every other route, to compare the two.
   */
  messagesFastPath?: boolean;
}

export interface ProviderSandbox {
  /** base URL to give the Twilio SDK (TWILIO_BASE_URL), e.g. http://127.0.0.1:4010 */
  twilioUrl: string;
  smtpPort: number;
  store: SandboxStore;
  /** Faults to inject into Twilio requests and SMTP sessions (none by default). */
  faults: SandboxFaults;
  simulateInboundSms(from: string, body: string): Promise<InboundSmsResult>;
  stop(): Promise<void>;
}

const BODY_LIMIT = 1024 * 1024;

/** Starts the Twilio-compatible REST server and the SMTP catcher, sharing one store. */
export async function startProviderSandbox(opts: ProviderSandboxOptions): Promise<ProviderSandbox> {
  const host = opts.host ?? '127.0.0.1';
  const log = opts.logger ?? pino({ name: 'provider-sandbox', level: 'silent' });
  const store = new SandboxStore();
  const faults = new SandboxFaults();
  const poster = new WebhookPoster(opts.authToken, store);
  const lifecycle = new ProviderLifecycle(poster, opts.lifecycleDelayMs ?? 200, log, store);
  const emulator = new TwilioEmulator(
    opts.accountSid,
    opts.phoneNumber ?? '+33700000001',
    store,
    lifecycle,
    poster,
    opts.inboundSmsWebhookUrl ?? null,
    log,
  );

  const smtp = await startSmtpCatcher(host, opts.smtpPort ?? 1025, store, log, faults, {
    webhookUrl: opts.bounceWebhookUrl ?? null,
    returnPathDomain: opts.mailReturnPath ? opts.mailReturnPath.slice(opts.mailReturnPath.lastIndexOf('@') + 1) : null,
    secret: opts.mailWebhookSecret ?? '',
  });
  const app = fastify({ logger: false, bodyLimit: BODY_LIMIT });
  await app.register(formbody);
  if (opts.messagesFastPath ?? true) {
    let closing = false;
    app.addHook('preClose', async () => {
      closing = true;
    });
    putInFrontOfFastify(app.server, {
      accountSid: opts.accountSid,
      authToken: opts.authToken,
      bodyLimit: BODY_LIMIT,
      emulator,
      faults,
      closing: () => closing,
    });
  }
  let twilioUrl = '';
  registerTwilioRoutes(
    app,
    emulator,
    store,
    {
      accountSid: opts.accountSid,
      authToken: opts.authToken,
    },
    faults,
  );
  registerSandboxRoutes(app, store, emulator, () => ({ twilioUrl, smtpPort: smtp.port }), faults);
  try {
    await app.listen({ host, port: opts.twilioPort ?? 4010 });
  } catch (error) {
    await smtp.stop();
    throw error;
  }
  const address = app.server.address() as AddressInfo;
  twilioUrl = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;

  return {
    twilioUrl,
    smtpPort: smtp.port,
    store,
    faults,
    simulateInboundSms: (from, body) => emulator.receiveInboundSms(from, body),
    async stop() {
      lifecycle.stop();
      await app.close();
      await smtp.stop();
    },
  };
}
