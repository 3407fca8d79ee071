import pino from 'pino';
import { loadConfig } from '@unisson/config';
import { startLetterService } from './letters/letter-service';
import { startProviderSandbox } from './provider-sandbox';

/**
 * `node -r @swc-node/register apps/provider-sandbox/src/main.ts`: the local stand-in for Twilio
 * and the SMTP relay. Simulated incoming SMS are posted to the API's /v1/webhooks/twilio/inbound-sms.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const log = pino({ name: 'provider-sandbox', level: config.logLevel });
  const sandbox = await startProviderSandbox({
    host: config.sandbox.host,
    twilioPort: config.sandbox.twilioPort,
    smtpPort: config.sandbox.smtpPort,
    accountSid: config.twilio.accountSid,
    authToken: config.twilio.authToken,
    phoneNumber: config.twilio.fromNumber,
    inboundSmsWebhookUrl: `${config.api.publicBaseUrl}/v1/webhooks/twilio/inbound-sms`,
    bounceWebhookUrl: `${config.api.publicBaseUrl}/v1/webhooks/email/bounces`,
    mailReturnPath: config.mail.returnPath,
    mailWebhookSecret: config.mail.webhookSecret,
    logger: log,
  });
  log.info(
    { twilioUrl: sandbox.twilioUrl, smtp: `smtp://${config.sandbox.host}:${sandbox.smtpPort}` },
    `provider sandbox ready: open ${sandbox.twilioUrl}/ to see captured SMS, calls and emails`,
  );
  // The online letter service (Maileva-like), used when LETTER_PROVIDER=online.
  const letters = await startLetterService({
    host: config.sandbox.host,
    port: config.sandbox.lettersPort,
    apiKey: config.letters.service.apiKey,
    webhookSecret: config.letters.service.webhookSecret,
    webhookUrl: `${config.api.publicBaseUrl}/v1/webhooks/letters`,
  });
  log.info({ lettersUrl: letters.url }, 'sandbox letter service ready');
  const shutdown = (signal: string) => {
    log.info({ signal }, 'provider sandbox stopping');
    Promise.all([sandbox.stop(), letters.stop()]).then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  const code = (error as { code?: string }).code;
  const hint =
    code === 'EADDRINUSE'
      ? 'A port is already taken: stop the other sandbox or set SANDBOX_TWILIO_PORT / SANDBOX_SMTP_PORT.'
      : 'Check the configuration (see README.md, "Configuration").';
  process.stderr.write(`provider sandbox failed to start: ${error instanceof Error ? error.message : String(error)}\n${hint}\n`);
  process.exit(1);
});
