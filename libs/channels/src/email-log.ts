/**
 * The relay's log of the e-mails it accepted, asked by Message-ID: how an e-mail left in doubt
 * (the worker died, or the relay did not answer, after the final dot) is settled without a
 * guess. Brevo's transactional log API (`GET /v3/smtp/emails?messageId=`, header `api-key`); the
 * provider sandbox answers the same for what its SMTP catcher kept.
 */
export interface EmailLogEntry {
  messageId: string;
  email: string;
  date: string;
}

export class EmailLog {
  constructor(
    private readonly settings: { url: string; apiKey: string },
    private readonly timeoutMs: number,
  ) {}

  /** The log's entries for a Message-ID (angle brackets or not); throws when the log cannot be read. */
  async find(messageId: string): Promise<EmailLogEntry[]> {
    const url = `${this.settings.url}/v3/smtp/emails?messageId=${encodeURIComponent(messageId)}`;
    const response = await fetch(url, {
      headers: { 'api-key': this.settings.apiKey, accept: 'application/json' },
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    if (response.status === 404) return [];
    if (!response.ok) throw new Error(`the relay's e-mail log answered ${response.status}`);
    const body = (await response.json()) as { transactionalEmails?: EmailLogEntry[] };
    return body.transactionalEmails ?? [];
  }
}
