import type { PostageClass } from '../domain/postage';

/** A print batch ready for the provider: the merged PDF, its manifest, and each letter's pages in it. */
export interface ProducedBatch {
  batchId: string;
  senderPartnerId: string;
  printDay: string;
  pdfPath: string;
  manifestPath: string;
  letters: Array<{ trackingCode: string; firstPage: number; pages: number; postageClass: PostageClass; addressLines: string[] }>;
}

export interface SubmittedBatch {
  /** The provider's reference of the batch (its sending). */
  ref: string;
  /** tracking code -> the provider's id of that letter (its recipient). */
  letterIds: Map<string, string>;
}

/**
 * The port to whoever prints and posts the letters. `submit` must be idempotent by `batchId`:
 * after a crash the same batch is submitted again, and the provider must not print it twice.
 */
export abstract class LetterProvider {
  abstract readonly name: string;
  abstract submit(batch: ProducedBatch): Promise<SubmittedBatch>;
}
