export { HouseholdRightsHttpModule } from './household-rights.module';
export { buildSharedView, HouseholdFactsForView, SharedView } from './domain/shared-view';
