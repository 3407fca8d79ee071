import type { MixedList } from 'typeorm';
import { HouseholdRetention1804000000100 } from './migrations/1804000000100-household-retention';
import { HouseholdStatedFacts1813000000000 } from './migrations/1813000000000-household-stated-facts';

/** The households' entities are registered with the foundation (libs/database); their later columns are migrated here. */
export const householdsEntities: MixedList<Function> = [];
export const householdsMigrations: MixedList<Function> = [HouseholdRetention1804000000100, HouseholdStatedFacts1813000000000];
