export { PartnerSubmission } from './entities/partner-submission.entity';
export { IntakeAcceptanceModule, IntakeHttpModule, IntakeJobsModule } from './intake.module';
export { AcceptedSubmission, BULK_ROW_JOB_PRIORITY, IntakeService } from './intake.service';
export { ImportIntakeProgress, IntakeRepository } from './intake.repository';
export {
  addressSchema,
  AlertInput,
  alertSchema,
  contactsSchema,
  idempotencyKeySchema,
  StageEventInput,
  stageEventSchema,
} from './dto/submission.schemas';
export { SubmissionProcessingService } from './submission-processing.service';
export { SubmissionEraser } from './submission-eraser';
export { Reporter, SubmissionAuthority } from './submission-authority';
