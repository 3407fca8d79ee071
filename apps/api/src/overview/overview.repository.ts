import { Injectable } from '@nestjs/common';
import { CoordinationFiguresReader } from '@unisson/coordination';
import { HouseholdFiguresReader } from '@unisson/households';
import { LinkageFiguresReader } from '@unisson/linkage';
import { MessageFiguresReader } from '@unisson/messaging';
import { Count, OverviewFigures } from './operations-overview';
import { PlanCostCalculator } from './plan-cost.calculator';

const STAGE_LABELS: Record<string, string> = {
  premier_impaye: 'Premier impayé',
  signalement_caf: 'Signalement CAF',
  commandement_de_payer: 'Commandement de payer',
  assignation: 'Assignation',
  jugement: 'Jugement',
  commandement_de_quitter_les_lieux: 'Commandement de quitter les lieux',
  concours_force_publique: 'Concours de la force publique',
};
const STATUS_LABELS: Record<string, string> = {
  queued: 'en attente',
  sending: 'en cours d’envoi',
  sent: 'envoyés',
  delivered: 'remis',
  undelivered: 'non remis',
  failed: 'en échec',
  cancelled: 'annulés',
  suppressed: 'bloqués (refus du foyer)',
};
const CHANNEL_LABELS: Record<string, string> = {
  sms: 'SMS',
  email: 'Courriel',
  letter: 'Courrier',
  voice: 'Appel vocal',
  call: 'Appel d’un conseiller',
};

/**
 * Aggregates for the overview: counts only, never a row about one household. Each capability
 * counts its own tables through its public reader; the overview reads none of them.
 */
@Injectable()
export class OverviewRepository {
  constructor(
    private readonly households: HouseholdFiguresReader,
    private readonly messages: MessageFiguresReader,
    private readonly coordination: CoordinationFiguresReader,
    private readonly linkage: LinkageFiguresReader,
    private readonly cost: PlanCostCalculator,
  ) {}

  async figures(): Promise<OverviewFigures> {
    const [households, messages, coordination, linkage] = await Promise.all([
      this.households.figures(),
      this.messages.figures(),
      this.coordination.figures(),
      this.linkage.figures(),
    ]);
    const counted = (counts: Record<string, number>, labels: Record<string, string>): Count[] =>
      Object.keys(labels)
        .map((k) => ({ label: labels[k], count: counts[k] ?? 0 }))
        .filter((c) => c.count > 0);
    const stages = Object.fromEntries(households.openProceduresByStage.map((s) => [s.stage, s.count]));
    const contactsOf = (status: string) => coordination.contactsByStatus[status] ?? 0;
    return {
      generatedAt: new Date().toISOString(),
      households: households.households,
      proceduresByStage: counted(stages, STAGE_LABELS),
      messagesByStatus: counted(messages.byStatus, STATUS_LABELS),
      messagesByChannel: counted(messages.byChannel, CHANNEL_LABELS),
      coordination: {
        intents: coordination.intents,
        plans: coordination.plans,
        contactsPlanned: contactsOf('planned'),
        contactsHandedOff: contactsOf('handedOff'),
        contactsCancelled: contactsOf('cancelled'),
      },
      planCost: this.cost.ofContacts(coordination.contactsByPurposeAndChannel),
      linkage,
    };
  }
}
