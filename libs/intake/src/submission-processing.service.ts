/**
 * The worker side of intake: a stored submission goes to its use case (alert, stage event,
 * intent) in one transaction with the submission marked processed; then the intents the use case
 * produced go to the coordination engine, which plans and schedules the contacts. The
 * coordination step is idempotent and runs again when a processed submission's job is retried,
 * so a crash between the two loses nothing. A submission from a partner that may not report it
 * (see SubmissionAuthority) writes nothing but its rejection.
 */
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CoordinationService } from '@unisson/coordination';
import { PartnersRepository } from '@unisson/partners';
import { IntakeRepository } from './intake.repository';
import type { SubmissionOutcome } from './procedure-recorder';
import { SubmissionAuthority } from './submission-authority';
import { SubmissionUseCases } from './submission-use-cases';

export type { SubmissionOutcome } from './procedure-recorder';

@Injectable()
export class SubmissionProcessingService {
  private readonly logger = new Logger('SubmissionProcessing');

  constructor(
    private readonly dataSource: DataSource,
    private readonly submissions: IntakeRepository,
    private readonly partners: PartnersRepository,
    private readonly authority: SubmissionAuthority,
    private readonly useCases: SubmissionUseCases,
    private readonly coordination: CoordinationService,
  ) {}

  async process(submissionId: string): Promise<SubmissionOutcome | null> {
    const recorded = await this.dataSource.transaction(async (manager) => {
      const submission = await this.submissions.lockUnprocessed(manager, submissionId);
      if (!submission) return null;
      const [partner] = await this.partners.findPartnersByIds([submission.partnerId], manager);
      const reporter = { partnerId: partner.id, partnerKind: partner.kind, territories: partner.territories };
      const refusal = await this.authority.refusal(manager, reporter, submission.kind, submission.payload);
      const result = refusal ? { error: refusal } : await this.useCases.record(manager, submission, partner);
      await this.submissions.markProcessed(manager, submission.id, { ...result }, result.error ?? null);
      return result;
    });
    const outcome = recorded ?? ((await this.submissions.findOutcome(submissionId)) as SubmissionOutcome | null);
    if (outcome?.householdId && !outcome.error) {
      if (outcome.intents?.length) await this.coordination.postIntents(outcome.householdId, outcome.intents);
      else await this.coordination.replan(outcome.householdId);
    }
    if (recorded) {
      this.logger.log(
        { submissionId, error: recorded.error ?? null, linkage: recorded.linkage ?? null, intents: recorded.intents?.length ?? 0 },
        'submission processed',
      );
    }
    return outcome;
  }
}
