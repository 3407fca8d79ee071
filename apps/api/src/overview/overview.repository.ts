import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { planCost, purposeIndex, TemplateLibrary, type TemplateDefinition, type UnitCost } from '@unisson/templates';
import { Count, OverviewFigures } from './operations-overview';

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

/** Aggregates for the overview: counts only, never a row about one household. */
@Injectable()
export class OverviewRepository {
  private readonly purposes: ReadonlyMap<string, TemplateDefinition>;
  private readonly unitCosts = new Map<string, UnitCost>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly library: TemplateLibrary,
  ) {
    this.purposes = purposeIndex(library.sources.definitions.values());
  }

  async figures(): Promise<OverviewFigures> {
    const q = <T>(sql: string) => this.dataSource.query(sql) as Promise<T[]>;
    const [households, stages, statuses, channels, intents, plans, contacts, linkRecords, links] = await Promise.all([
      q<{ n: number }>(`SELECT count(*)::int AS n FROM household`),
      q<{ k: string; n: number }>(`SELECT stage AS k, count(*)::int AS n FROM procedure WHERE closed_at IS NULL GROUP BY stage`),
      q<{ k: string; n: number }>(`SELECT status::text AS k, count(*)::int AS n FROM outbound_message GROUP BY status`),
      q<{ k: string; n: number }>(`SELECT channel::text AS k, count(*)::int AS n FROM outbound_message GROUP BY channel`),
      q<{ n: number }>(`SELECT count(*)::int AS n FROM contact_intent`),
      q<{ n: number }>(`SELECT count(*)::int AS n FROM contact_plan`),
      q<{ k: string; n: number }>(`SELECT status AS k, count(*)::int AS n FROM planned_contact GROUP BY status`),
      q<{ n: number }>(`SELECT count(*)::int AS n FROM linkage_record`),
      q<{ k: string; n: number }>(`SELECT status AS k, count(*)::int AS n FROM linkage_link GROUP BY status`),
    ]);
    const byPurpose = await q<{ purpose: string; channel: string; n: number }>(
      `SELECT purpose, channel, count(*)::int AS n FROM planned_contact WHERE status IN ('planned', 'handedOff') GROUP BY purpose, channel`,
    );
    const counted = (rows: Array<{ k: string; n: number }>, labels: Record<string, string>): Count[] =>
      Object.keys(labels)
        .map((k) => ({ label: labels[k], count: rows.find((r) => r.k === k)?.n ?? 0 }))
        .filter((c) => c.count > 0);
    const contactsOf = (status: string) => contacts.find((c) => c.k === status)?.n ?? 0;
    return {
      generatedAt: new Date().toISOString(),
      households: households[0].n,
      proceduresByStage: counted(stages, STAGE_LABELS),
      messagesByStatus: counted(statuses, STATUS_LABELS),
      messagesByChannel: counted(channels, CHANNEL_LABELS),
      coordination: {
        intents: intents[0].n,
        plans: plans[0].n,
        contactsPlanned: contactsOf('planned'),
        contactsHandedOff: contactsOf('handedOff'),
        contactsCancelled: contactsOf('cancelled'),
      },
      planCost: {
        ...planCost(
          byPurpose.map((r) => ({ purpose: r.purpose, channel: r.channel, count: r.n })),
          (purpose) => this.purposes.get(purpose),
          (key, locale) => {
            const id = `${key}|${locale}`;
            let unit = this.unitCosts.get(id);
            if (!unit) this.unitCosts.set(id, (unit = this.library.unitCost(key, locale)));
            return unit;
          },
          this.library.sources.budgets.smsPricePerPart,
        ),
        smsPricePerPart: this.library.sources.budgets.smsPricePerPart,
      },
      linkage: {
        records: linkRecords[0].n,
        linked: links.find((l) => l.k === 'linked')?.n ?? 0,
        reviewsOpen: links.find((l) => l.k === 'review')?.n ?? 0,
      },
    };
  }
}
