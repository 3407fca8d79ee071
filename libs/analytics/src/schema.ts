import type { MixedList } from 'typeorm';
import { AnalyticsReadModel1801000000001 } from './migrations/1801000000001-analytics-read-model';
import { AttributionIndex1801000000002 } from './migrations/1801000000002-attribution-index';
import { FunnelRollup1815000000001 } from './migrations/1815000000001-funnel-rollup';
import { AttributionCoveringIndex1815000000002 } from './migrations/1815000000002-attribution-covering-index';
import { FunnelDay } from './entities/funnel-day.entity';
import { MessageFact } from './entities/message-fact.entity';
import { ProjectionCursor } from './entities/projection-cursor.entity';
import { ResponseFact } from './entities/response-fact.entity';
import { StageFact } from './entities/stage-fact.entity';

export const analyticsEntities: MixedList<Function> = [MessageFact, ResponseFact, StageFact, ProjectionCursor, FunnelDay];
export const analyticsMigrations: MixedList<Function> = [
  AnalyticsReadModel1801000000001,
  AttributionIndex1801000000002,
  FunnelRollup1815000000001,
  AttributionCoveringIndex1815000000002,
];
