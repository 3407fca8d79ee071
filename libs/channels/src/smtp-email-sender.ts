import nodemailer, { Transporter } from 'nodemailer';
import type { AppConfig } from '@unisson/config';
import { smtpFailureToChannelError, SmtpFailure } from './domain/smtp-error-mapping';
import { EmailReceipt, EmailRequest, EmailSender } from './email-sender';

type MailConfig = AppConfig['mail'];

/** Duck-typed on purpose: socket errors may come from another realm, where instanceof Error fails. */
function asSmtpFailure(error: unknown): SmtpFailure {
  if (typeof error === 'object' && error !== null) {
    const e = error as { message?: unknown; code?: unknown; responseCode?: unknown };
    return {
      message: typeof e.message === 'string' ? e.message : String(error),
      code: typeof e.code === 'string' ? e.code : undefined,
      responseCode: typeof e.responseCode === 'number' ? e.responseCode : undefined,
    };
  }
  return { message: String(error) };
}

/**
 * Sends mail over SMTP with a pooled nodemailer transport: the local catcher of the provider
 * sandbox in development, a real relay in production (only SMTP_URL changes).
 */
export class SmtpEmailSender extends EmailSender {
  private readonly transport: Transporter;

  constructor(private readonly config: MailConfig) {
    super();
    this.transport = nodemailer.createTransport({
      url: config.smtpUrl,
      pool: true,
      maxConnections: 5,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
  }

  async send(req: EmailRequest): Promise<EmailReceipt> {
    try {
      const info = await this.transport.sendMail({
        from: this.config.from,
        to: req.to,
        subject: req.subject,
        html: req.html,
        text: req.text,
        messageId: req.messageId,
        headers: req.headers,
      });
      return {
        providerMessageId: typeof info.messageId === 'string' ? info.messageId : req.messageId,
      };
    } catch (error) {
      throw smtpFailureToChannelError(asSmtpFailure(error));
    }
  }

  close(): void {
    this.transport.close();
  }

  /** Nest lifecycle hook: release pooled SMTP connections on shutdown. */
  onModuleDestroy(): void {
    this.close();
  }
}
