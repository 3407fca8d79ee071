export { PartnerSubmission } from './entities/partner-submission.entity';
export { IntakeAcceptanceModule, IntakeHttpModule, IntakeJobsModule } from './intake.module';
export { AcceptedSubmission, IntakeService } from './intake.service';
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
