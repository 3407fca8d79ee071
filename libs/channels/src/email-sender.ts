export interface EmailRequest {
  to: string;
  /** Display name and address of From; MAIL_FROM when absent. */
  from?: { name: string; address: string };
  replyTo?: string | null;
  /** SMTP envelope sender (MAIL FROM), where bounces go; From's address when absent. */
  envelopeFrom?: string;
  subject: string;
  html: string;
  text: string;
  /** RFC 5322 Message-ID we choose (idempotency and threading), e.g. `<uuid@unisson.local>` */
  messageId: string;
  headers?: Record<string, string>;
}

export interface EmailReceipt {
  providerMessageId: string;
}

/** Port of the mail transport. Throws ChannelError on failure. */
export abstract class EmailSender {
  /** How many messages it sends at once (its SMTP sessions), when it has a limit. */
  readonly sessions?: number;

  /**
   * `beforeHandover` is awaited right before the final dot of DATA: once it resolved, the
   * server may have the message (see `ChannelError.maybeAccepted`).
   */
  abstract send(req: EmailRequest, beforeHandover?: () => Promise<void>): Promise<EmailReceipt>;
}
