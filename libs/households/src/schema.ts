import type { MixedList } from 'typeorm';
import { HouseholdRetention1804000000100 } from './migrations/1804000000100-household-retention';

/** The households' entities are registered with the foundation (libs/database); their later columns are migrated here. */
export const householdsEntities: MixedList<Function> = [];
export const householdsMigrations: MixedList<Function> = [HouseholdRetention1804000000100];
