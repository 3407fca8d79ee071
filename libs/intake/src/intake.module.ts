import { Module } from '@nestjs/common';
import { HouseholdsModule } from '@unisson/households';
import { LinkageModule } from '@unisson/linkage';
import { IntakeController } from './http/intake.controller';
import { IntakeRepository } from './intake.repository';
import { IntakeService } from './intake.service';
import { IntakeProcessor } from './jobs/intake.processor';
import { SubmissionProcessingService } from './submission-processing.service';

/** Accepting submissions (store + enqueue), for the HTTP routes and for bulk uploads processed by the worker. */
@Module({ providers: [IntakeRepository, IntakeService], exports: [IntakeService, IntakeRepository] })
export class IntakeAcceptanceModule {}

/** Alerts and stage events over HTTP, for apps/api. */
@Module({ imports: [IntakeAcceptanceModule], controllers: [IntakeController] })
export class IntakeHttpModule {}

/** Processing of stored submissions, for apps/worker. */
@Module({
  imports: [HouseholdsModule, LinkageModule],
  providers: [IntakeRepository, SubmissionProcessingService, IntakeProcessor],
})
export class IntakeJobsModule {}
