import { readFile } from 'node:fs/promises';
import { LetterProvider, ProducedBatch, SubmittedBatch } from './letter-provider';

interface Sending {
  id: string;
  custom_id: string;
  status: 'DRAFT' | 'PENDING' | 'PROCESSED' | 'CANCELLED';
  documents_count: number;
}

interface Recipient {
  id: string;
  custom_id: string;
  status: string;
}

export class LetterServiceError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
    this.name = 'LetterServiceError';
  }
}

/**
 * An online letter service modelled on the real ones (Maileva's "simple sendings"): a sending is
 * created as a draft carrying our batch id (`custom_id`), the merged PDF and the recipients
 * (each with its page range and postage class, keyed by tracking code) are added, then it is
 * submitted; the service prints, posts and reports each recipient's status and returned mail
 * by webhook. Resumable: a sending found by `custom_id` is continued where it stopped, and one
 * already submitted is never submitted again.
 */
export class OnlineLetterProvider extends LetterProvider {
  readonly name = 'online';

  constructor(private readonly service: { url: string; apiKey: string }) {
    super();
  }

  async submit(batch: ProducedBatch): Promise<SubmittedBatch> {
    const found = await this.call<{ sendings: Sending[] }>('GET', `/mail/v2/sendings?custom_id=${encodeURIComponent(batch.batchId)}`);
    let sending =
      found.sendings[0] ??
      (await this.call<Sending>('POST', '/mail/v2/sendings', { name: `Unisson ${batch.printDay}`, custom_id: batch.batchId }));
    if (sending.status === 'DRAFT') {
      if (sending.documents_count === 0) {
        await this.call('POST', `/mail/v2/sendings/${sending.id}/documents`, await readFile(batch.pdfPath));
      }
      await this.call('POST', `/mail/v2/sendings/${sending.id}/recipients`, {
        recipients: batch.letters.map((l) => ({
          custom_id: l.trackingCode,
          address_lines: l.addressLines,
          first_page: l.firstPage,
          pages: l.pages,
          postage_class: l.postageClass,
        })),
      });
      sending = await this.call<Sending>('POST', `/mail/v2/sendings/${sending.id}/submit`);
    }
    const { recipients } = await this.call<{ recipients: Recipient[] }>('GET', `/mail/v2/sendings/${sending.id}/recipients`);
    return { ref: sending.id, letterIds: new Map(recipients.map((r) => [r.custom_id, r.id])) };
  }

  private async call<T = unknown>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const isPdf = Buffer.isBuffer(body);
    let response: Response;
    try {
      response = await fetch(`${this.service.url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.service.apiKey}`,
          ...(body === undefined ? {} : { 'content-type': isPdf ? 'application/pdf' : 'application/json' }),
        },
        body: body === undefined ? undefined : isPdf ? (body as Buffer) : JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      });
    } catch (error) {
      throw new LetterServiceError(`letter service unreachable: ${(error as Error).message}`, null);
    }
    if (!response.ok)
      throw new LetterServiceError(`letter service answered ${response.status} to ${method} ${path.split('?')[0]}`, response.status);
    return (await response.json()) as T;
  }
}
