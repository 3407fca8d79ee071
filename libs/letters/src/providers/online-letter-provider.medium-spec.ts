import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLetterService, type LetterService } from '../../../../apps/provider-sandbox/src/letters/letter-service';
import { eventually } from '../../../../test/support/free-port';
import { JsonReceiver } from '../../../../test/support/json-receiver';
import { isValidLetterWebhook } from '../domain/webhook-signature';
import type { ProducedBatch } from './letter-provider';
import { OnlineLetterProvider } from './online-letter-provider';

const API_KEY = 'test-letter-service-key';
const SECRET = 'test-letter-webhook-secret';
const dir = mkdtempSync(join(tmpdir(), 'online-letters-'));
const pdfPath = join(dir, 'batch.pdf');
writeFileSync(pdfPath, '%PDF-1.7\n% a two-letter batch\n');

function batch(batchId: string): ProducedBatch {
  return {
    batchId,
    senderPartnerId: '00000000-0000-4000-8000-000000000001',
    printDay: '2026-12-02',
    pdfPath,
    manifestPath: join(dir, 'batch.csv'),
    letters: [
      {
        trackingCode: 'K7QM-2D9X-4',
        firstPage: 1,
        pages: 2,
        postageClass: 'lettre_simple',
        addressLines: ['Awa Diallo', '12 RUE DE LA PAIX', '93200 SAINT-DENIS'],
      },
      {
        trackingCode: 'M3TV-8H1R-7',
        firstPage: 3,
        pages: 1,
        postageClass: 'lettre_suivie',
        addressLines: ['Ion Popescu', '3 RUE DU LANDY', '93200 SAINT-DENIS'],
      },
    ],
  };
}

describe('the online letter service adapter, against the sandbox letter service', () => {
  let service: LetterService;
  // Unisson's webhook endpoint: down for the first two reports, then up.
  const receiver = new JsonReceiver((_post, index) => (index < 2 ? 503 : 204));
  let provider: OnlineLetterProvider;

  beforeAll(async () => {
    await receiver.start();
    service = await startLetterService({ apiKey: API_KEY, webhookSecret: SECRET, webhookUrl: receiver.url, processDelayMs: 20 });
    provider = new OnlineLetterProvider({ url: service.url, apiKey: API_KEY });
  });
  afterAll(async () => {
    await service?.stop();
    await receiver.stop();
  });

  it('creates a draft, adds the PDF and the recipients, submits it once, and gets each letter’s id', async () => {
    const submitted = await provider.submit(batch('batch-1'));
    expect(submitted.letterIds.size).toBe(2);
    const [sending] = service.sendings.filter((s) => s.custom_id === 'batch-1');
    expect(sending.recipients.map((r) => [r.custom_id, r.first_page, r.pages, r.postage_class])).toEqual([
      ['K7QM-2D9X-4', 1, 2, 'lettre_simple'],
      ['M3TV-8H1R-7', 3, 1, 'lettre_suivie'],
    ]);
    await eventually(() => (sending.status === 'PROCESSED' ? true : undefined), 5_000, 'the sending to be printed');
    // A worker killed after the hand-over submits again: same sending, printed once.
    const again = await provider.submit(batch('batch-1'));
    expect(again.ref).toBe(submitted.ref);
    expect(service.sendings.filter((s) => s.custom_id === 'batch-1')).toHaveLength(1);
    expect(sending.printed).toBe(1);
  });

  it('finishes a draft a killed worker left half made, without a second document', async () => {
    const created = await fetch(`${service.url}/mail/v2/sendings`, {
      method: 'POST',
      headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ custom_id: 'batch-2', name: 'left half made' }),
    });
    const { id } = (await created.json()) as { id: string };
    await fetch(`${service.url}/mail/v2/sendings/${id}/documents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/pdf' },
      body: '%PDF-1.7\n',
    });
    const submitted = await provider.submit(batch('batch-2'));
    expect(submitted.ref).toBe(id);
    const sending = service.sendings.find((s) => s.id === id)!;
    expect(sending.documents).toHaveLength(1);
    expect(sending.recipients).toHaveLength(2);
    expect(sending.status).not.toBe('DRAFT');
  });

  it('reports statuses and returned mail by signed webhooks, retried until Unisson answers', async () => {
    await service.returnLetter('K7QM-2D9X-4');
    const returned = await eventually(
      () => receiver.received.find((p) => p.body.event_type === 'RECIPIENT_RETURNED' && p.body.custom_id === 'K7QM-2D9X-4'),
      10_000,
      'the returned-mail report',
    );
    expect(returned.body).toMatchObject({ status: 'UNDELIVERED', reason: 'NPAI' });
    expect(
      isValidLetterWebhook(
        SECRET,
        returned.headers['x-letter-timestamp'] as string,
        returned.raw,
        returned.headers['x-letter-signature'] as string,
      ),
    ).toBe(true);
    expect(
      isValidLetterWebhook(
        SECRET,
        returned.headers['x-letter-timestamp'] as string,
        returned.raw.replace('NPAI', 'OK'),
        returned.headers['x-letter-signature'] as string,
      ),
    ).toBe(false);
    // The first reports met a 503: each was delivered again.
    expect(service.webhookAttempts.filter((a) => a.status === 503)).toHaveLength(2);
    await eventually(
      () => (service.webhookAttempts.filter((a) => a.status === 204).length >= receiver.received.length - 2 ? true : undefined),
      10_000,
      'the retried reports',
    );
  });

  it('refuses a wrong key', async () => {
    await expect(new OnlineLetterProvider({ url: service.url, apiKey: 'wrong-key-123' }).submit(batch('batch-3'))).rejects.toThrow(/401/);
  });
});
