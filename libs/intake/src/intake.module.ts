import { Module } from '@nestjs/common';
import { HouseholdsModule } from '@unisson/households';
import { LinkageModule } from '@unisson/linkage';
import { IntakeController } from './http/intake.controller';
import { IntakeRepository } from './intake.repository';
import { IntakeService } from './intake.service';
import { IntakeProcessor, IntakeReconciler } from './jobs/intake.processor';
import { AlertIntake } from './alert-intake';
import { HouseholdRecordLinker } from './household-record-linker';
import { IntentIntake } from './intent-intake';
import { ProcedureRecorder } from './procedure-recorder';
import { StageEventIntake } from './stage-event-intake';
import { SubmissionAuthority } from './submission-authority';
import { SubmissionProcessingService } from './submission-processing.service';
import { SubmissionUseCases } from './submission-use-cases';

/** Accepting submissions (store + enqueue), for the HTTP routes and for bulk uploads processed by the worker. */
@Module({
  imports: [HouseholdsModule],
  providers: [IntakeRepository, IntakeService, SubmissionAuthority],
  exports: [IntakeService, IntakeRepository, SubmissionAuthority],
})
export class IntakeAcceptanceModule {}

/** Alerts and stage events over HTTP, for apps/api. */
@Module({ imports: [IntakeAcceptanceModule], controllers: [IntakeController] })
export class IntakeHttpModule {}

/** Processing of stored submissions, for apps/worker. */
@Module({
  imports: [HouseholdsModule, LinkageModule],
  providers: [
    IntakeRepository,
    SubmissionAuthority,
    HouseholdRecordLinker,
    ProcedureRecorder,
    AlertIntake,
    StageEventIntake,
    IntentIntake,
    SubmissionUseCases,
    SubmissionProcessingService,
    IntakeProcessor,
    IntakeReconciler,
  ],
})
export class IntakeJobsModule {}
