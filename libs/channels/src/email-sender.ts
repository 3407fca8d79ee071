export interface EmailRequest {
  to: string;
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
  abstract send(req: EmailRequest): Promise<EmailReceipt>;
}
