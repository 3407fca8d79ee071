import { Injectable } from '@nestjs/common';
import type { PlanCallback, PlanCallbackSource } from '@unisson/coordination';
import { isOutcomeOf, OUTCOME_LABELS } from './domain/outcomes';
import { TasksRepository } from './tasks.repository';

/** The tasks capability's public reader of a household's call-back tasks, for its plan (no phone, no script). */
@Injectable()
export class CallbackPlanReader implements PlanCallbackSource {
  constructor(private readonly tasks: TasksRepository) {}

  async callbacksOf(householdId: string): Promise<PlanCallback[]> {
    const [rows, teams] = await Promise.all([this.tasks.findCallbacks(householdId), this.tasks.findTeamsOfHousehold(householdId)]);
    const partnerOf = new Map(teams.map((t) => [t.id, t.partnerId]));
    return rows.map((t) => ({
      taskId: t.id,
      taskState: t.state,
      reason: t.routingReason.split(' ; ')[0],
      notBefore: new Date(t.notBefore).toISOString(),
      partnerId: partnerOf.get(t.teamId) ?? '',
      lastOutcomeLabel: t.lastOutcome && isOutcomeOf('call', t.lastOutcome) ? OUTCOME_LABELS[t.lastOutcome] : null,
      cancelReason: t.cancelReason,
    }));
  }
}
