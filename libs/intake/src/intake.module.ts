import { Module } from '@nestjs/common';
import { HouseholdsModule } from '@unisson/households';
import { LinkageModule } from '@unisson/linkage';
import { IntakeController } from './http/intake.controller';
import { IntakeRepository } from './intake.repository';
import { IntakeService } from './intake.service';
import { IntakeProcessor, IntakeReconciler } from './jobs/intake.processor';
import { SubmissionProcessingService } from './submission-processing.service';

/** Alerts and stage events over HTTP, for apps/api. */
@Module({ providers: [IntakeRepository, IntakeService], controllers: [IntakeController] })
export class IntakeHttpModule {}

/** Processing of stored submissions, for apps/worker. */
@Module({
  imports: [HouseholdsModule, LinkageModule],
  providers: [IntakeRepository, SubmissionProcessingService, IntakeProcessor, IntakeReconciler],
})
export class IntakeJobsModule {}
