import { Module } from '@nestjs/common';
import { LinkageModule } from '@unisson/linkage';
import { HouseholdRegroupingService } from './household-regrouping.service';
import { HouseholdsRepository } from './households.repository';
import { HouseholdRegroupingProcessor, NightlyRelinkSchedules } from './jobs/household-regrouping.processor';

@Module({ providers: [HouseholdsRepository], exports: [HouseholdsRepository] })
export class HouseholdsModule {}

/** Keeps households in step with household matching (apps/worker; needs `CoordinationModule.forRoot`). */
@Module({
  imports: [HouseholdsModule, LinkageModule],
  providers: [HouseholdRegroupingService, HouseholdRegroupingProcessor, NightlyRelinkSchedules],
  exports: [HouseholdRegroupingService],
})
export class HouseholdRegroupingModule {}
