import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@unisson/config';
import { CoordinationFiguresReader } from '@unisson/coordination';
import { HouseholdFiguresReader } from '@unisson/households';
import { LinkageFiguresReader } from '@unisson/linkage';
import { MessageFiguresReader } from '@unisson/messaging';
import { PROCEDURE_STAGES, STAGE_LABELS as STAGES } from '@unisson/vocabulary';
import { Count, OverviewFigures, publishOverview } from './operations-overview';
import { PlanCostCalculator } from './plan-cost.calculator';

/** The stages in their order, with vocabulary's labels (capitalised for a chart). */
const STAGE_LABELS: Record<string, string> = Object.fromEntries(
  PROCEDURE_STAGES.map((s) => [s, STAGES[s].charAt(0).toUpperCase() + STAGES[s].slice(1)]),
);
const OTHER = 'Autre (valeur inconnue)';
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
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The figures as the page shows them: every one through the disclosure control (1 to 9 hidden, the rest rounded to 5). */
  async figures(): Promise<OverviewFigures> {
    return publishOverview(await this.exactFigures(), this.config.security.appSecret);
  }

  private async exactFigures(): Promise<OverviewFigures<number>> {
    const [households, messages, coordination, linkage] = await Promise.all([
      this.households.figures(),
      this.messages.figures(),
      this.coordination.figures(),
      this.linkage.figures(),
    ]);
    // Every known value, in order (a count of 0 too), and what no label names under « autre »: nothing disappears.
    const counted = (counts: Record<string, number>, labels: Record<string, string>, keepZeros = false): Count<number>[] => {
      const known = Object.keys(labels).map((k) => ({ label: labels[k]!, count: counts[k] ?? 0 }));
      const other = Object.entries(counts)
        .filter(([k]) => !(k in labels))
        .reduce((sum, [, n]) => sum + n, 0);
      return [...known, ...(other > 0 ? [{ label: OTHER, count: other }] : [])].filter((c) => keepZeros || c.count > 0);
    };
    const stages: Record<string, number> = {};
    for (const s of households.openProceduresByStage) stages[s.stage] = (stages[s.stage] ?? 0) + s.count;
    const contactsOf = (status: string) => coordination.contactsByStatus[status] ?? 0;
    return {
      generatedAt: new Date().toISOString(),
      households: households.households,
      proceduresByStage: counted(stages, STAGE_LABELS, true),
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
