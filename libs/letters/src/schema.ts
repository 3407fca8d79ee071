import type { MixedList } from 'typeorm';
import { LetterPrintBatch } from './entities/letter-print-batch.entity';
import { LetterPrintItem } from './entities/letter-print-item.entity';
import { Letterhead } from './entities/letterhead.entity';
import { LetterPrintStage1797000000000 } from './migrations/1797000000000-letter-print-stage';
import { LetterItemsSealed1810000000006 } from './migrations/1810000000006-letter-items-sealed';
import { LetterAddressee1818000000002 } from './migrations/1818000000002-letter-addressee';

export const lettersEntities: MixedList<Function> = [LetterPrintItem, LetterPrintBatch, Letterhead];
export const lettersMigrations: MixedList<Function> = [
  LetterPrintStage1797000000000,
  LetterItemsSealed1810000000006,
  LetterAddressee1818000000002,
];
