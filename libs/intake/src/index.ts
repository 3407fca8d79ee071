export { PartnerSubmission } from './entities/partner-submission.entity';
export { IntakeHttpModule, IntakeJobsModule } from './intake.module';
export { AlertInput, alertSchema, StageEventInput, stageEventSchema } from './dto/submission.schemas';
export { SubmissionProcessingService } from './submission-processing.service';
