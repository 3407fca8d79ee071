export { Household } from './entities/household.entity';
export { HouseholdOptOut } from './entities/household-opt-out.entity';
export { PartnerRecord } from './entities/partner-record.entity';
export { Procedure } from './entities/procedure.entity';
export { StageEvent } from './entities/stage-event.entity';
export * from './domain/procedure-stage';
export { HouseholdsModule } from './households.module';
export { HouseholdFacts, HouseholdsRepository, PartnerRecordFields } from './households.repository';
export { canReceiveSms, toE164 } from './domain/contact-normalisation';
