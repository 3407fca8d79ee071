import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Partner } from '@unisson/partners';
import { AlertIntake } from './alert-intake';
import type { AlertInput, IntentInput, StageEventInput } from './dto/submission.schemas';
import type { PartnerSubmission } from './entities/partner-submission.entity';
import { IntentIntake } from './intent-intake';
import type { SubmissionOutcome } from './procedure-recorder';
import { StageEventIntake } from './stage-event-intake';

/** The three use cases, by kind of submission. */
@Injectable()
export class SubmissionUseCases {
  constructor(
    private readonly alerts: AlertIntake,
    private readonly stageEvents: StageEventIntake,
    private readonly intents: IntentIntake,
  ) {}

  record(manager: EntityManager, submission: PartnerSubmission, partner: Partner): Promise<SubmissionOutcome> {
    const payload = submission.payload as unknown;
    switch (submission.kind) {
      case 'alert':
        return this.alerts.record(manager, submission.id, partner, payload as AlertInput);
      case 'intent':
        return this.intents.record(manager, submission.id, partner, payload as IntentInput);
      default:
        return this.stageEvents.record(manager, submission.id, partner, payload as StageEventInput);
    }
  }
}
