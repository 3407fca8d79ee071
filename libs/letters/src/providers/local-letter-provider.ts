import { copyFile, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LetterProvider, ProducedBatch, SubmittedBatch } from './letter-provider';

/**
 * The local default: the print shop's outbox is a folder. A batch is handed over by writing its
 * PDF, manifest and a receipt under `<dir>/outbox/<day>/<sender>/<batch>/`; the receipt, written
 * last and atomically, is what says "handed over": a second submit finds it and returns it.
 */
export class LocalLetterProvider extends LetterProvider {
  readonly name = 'local';

  constructor(private readonly dir: string) {
    super();
  }

  async submit(batch: ProducedBatch): Promise<SubmittedBatch> {
    const folder = join(this.dir, 'outbox', batch.printDay, batch.senderPartnerId, batch.batchId);
    const receiptPath = join(folder, 'receipt.json');
    const existing = await readFile(receiptPath, 'utf8').catch(() => null);
    if (existing) return parseReceipt(existing);
    await mkdir(folder, { recursive: true });
    await copyFile(batch.pdfPath, join(folder, 'courriers.pdf'));
    await copyFile(batch.manifestPath, join(folder, 'manifeste.csv'));
    const receipt = {
      ref: `local:${batch.batchId}`,
      letters: batch.letters.map((l) => [l.trackingCode, `local:${batch.batchId}:${l.trackingCode}`]),
      handedOverAt: new Date().toISOString(),
    };
    await writeFile(`${receiptPath}.tmp`, JSON.stringify(receipt, null, 2));
    await rename(`${receiptPath}.tmp`, receiptPath);
    return parseReceipt(JSON.stringify(receipt));
  }
}

function parseReceipt(text: string): SubmittedBatch {
  const receipt = JSON.parse(text) as { ref: string; letters: Array<[string, string]> };
  return { ref: receipt.ref, letterIds: new Map(receipt.letters) };
}
