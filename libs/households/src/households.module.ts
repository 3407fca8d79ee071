import { Module } from '@nestjs/common';
import { LinkageModule } from '@unisson/linkage';
import { HouseholdRegroupingService } from './household-regrouping.service';
import { HouseholdAudienceReader } from './household-audience.reader';
import { HouseholdCaseReader } from './household-case.reader';
import { HouseholdCorrections } from './household-corrections';
import { HouseholdRecordsReader } from './household-records.reader';
import { HouseholdsRepository } from './households.repository';
import { HouseholdRegroupingProcessor, NightlyRelinkSchedules } from './jobs/household-regrouping.processor';

@Module({
  providers: [HouseholdsRepository, HouseholdRecordsReader, HouseholdAudienceReader, HouseholdCorrections, HouseholdCaseReader],
  exports: [HouseholdsRepository, HouseholdRecordsReader, HouseholdAudienceReader, HouseholdCorrections, HouseholdCaseReader],
})
export class HouseholdsModule {}

/** Keeps households in step with household matching (apps/worker; needs `CoordinationModule.forRoot`). */
@Module({
  imports: [HouseholdsModule, LinkageModule],
  providers: [HouseholdRegroupingService, HouseholdRegroupingProcessor, NightlyRelinkSchedules],
  exports: [HouseholdRegroupingService],
})
export class HouseholdRegroupingModule {}
