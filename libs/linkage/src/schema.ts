import type { MixedList } from 'typeorm';
import { LinkageBlockKey } from './entities/linkage-block-key.entity';
import { LinkageDecision } from './entities/linkage-decision.entity';
import { LinkageLink } from './entities/linkage-link.entity';
import { LinkageModelRow } from './entities/linkage-model.entity';
import { LinkageRecord } from './entities/linkage-record.entity';
import { Linkage1790000100000 } from './migrations/1790000100000-linkage';
import { LinkageBlockKeyRecordIndex1790000100001 } from './migrations/1790000100001-linkage-block-key-record-index';
import { LinkageSealed1810000000001 } from './migrations/1810000000001-linkage-sealed';

/** Tables owned by household matching. */
export const linkageEntities: MixedList<Function> = [LinkageRecord, LinkageBlockKey, LinkageLink, LinkageDecision, LinkageModelRow];
export const linkageMigrations: MixedList<Function> = [
  Linkage1790000100000,
  LinkageBlockKeyRecordIndex1790000100001,
  LinkageSealed1810000000001,
];
