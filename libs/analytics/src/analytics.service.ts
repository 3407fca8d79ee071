import { Injectable } from '@nestjs/common';
import { ExperimentsService, Interval, wilsonInterval } from '@unisson/experiments';
import { isHouseholdAnswer, RESPONSE_KINDS } from '@unisson/vocabulary';
import { AnalyticsFilter, AnalyticsRepository } from './analytics.repository';
import { AnalyticsProjector } from './analytics-projector';
import { CHARTER_INDICATORS, CharterFigure, charterFigures } from './domain/charter-indicators';
import { FUNNEL_STEPS, maskExperiment, MaskedExperiment } from './domain/report-cells';
import { hiddenInChain, hiddenInPartition, shown, ShownCount, SMALL_CELL } from './domain/small-cells';

export interface VariantCell {
  purpose: string;
  channel: string;
  variant: string;
  templateVersions: number;
  households: ShownCount;
  responders: ShownCount;
  rate: number | null;
  interval: Interval | null;
}

export interface FunnelCell {
  step: string;
  label: string;
  households: ShownCount;
}

export interface CoordinationCell {
  dimension: string;
  value: string;
  households: ShownCount;
  /** Messages per household partners asked for (before coordination) and Unisson sent (after). */
  before: number | null;
  after: number | null;
}

export interface AnalyticsReport {
  territory: string | null;
  from: string;
  to: string;
  smallCellThreshold: number;
  variants: VariantCell[];
  funnel: FunnelCell[];
  coordination: CoordinationCell[];
  experiments: MaskedExperiment[];
}

const ANSWER_KINDS = RESPONSE_KINDS.filter(isHouseholdAnswer);
const round2 = (x: number) => Math.round(x * 100) / 100;

/** Analysts' figures: aggregates only, every cell under 10 households hidden (also by difference). */
@Injectable()
export class AnalyticsService {
  constructor(
    private readonly repository: AnalyticsRepository,
    private readonly projector: AnalyticsProjector,
    private readonly experiments: ExperimentsService,
  ) {}

  async report(filter: AnalyticsFilter): Promise<AnalyticsReport> {
    await this.projector.catchUp();
    const [variants, funnel, coordination, experiments] = await Promise.all([
      this.variantCells(filter),
      this.funnelCells(filter),
      this.coordinationCells(filter),
      this.experimentReports(filter.territory),
    ]);
    return {
      territory: filter.territory,
      from: filter.from.toISOString(),
      to: filter.to.toISOString(),
      smallCellThreshold: SMALL_CELL,
      variants,
      funnel,
      coordination,
      experiments,
    };
  }

  async charter(filter: AnalyticsFilter): Promise<CharterFigure[]> {
    await this.projector.catchUp();
    const purposes = CHARTER_INDICATORS.flatMap((c) => (c.source && 'purpose' in c.source ? [c.source.purpose] : []));
    return charterFigures(await this.repository.charterCounts(filter, purposes));
  }

  private async variantCells(filter: AnalyticsFilter): Promise<VariantCell[]> {
    const rows = await this.repository.variantRates(filter, ANSWER_KINDS);
    const hidden = new Set<string>();
    const key = (r: { purpose: string; channel: string; variant: string }) => `${r.purpose}|${r.channel}|${r.variant}`;
    const groups = new Map<string, typeof rows>();
    for (const r of rows) groups.set(`${r.purpose}|${r.channel}`, [...(groups.get(`${r.purpose}|${r.channel}`) ?? []), r]);
    for (const group of groups.values())
      for (const k of hiddenInPartition(group.map((r) => ({ key: key(r), households: r.households })))) hidden.add(k);
    return rows.map((r) => {
      const hide = hidden.has(key(r));
      // Responders and non-responders are groups of households too: fewer than 10 hides the rate.
      const nonResponders = r.households - r.responders;
      const hideRate = hide || (r.responders > 0 && r.responders < SMALL_CELL) || (nonResponders > 0 && nonResponders < SMALL_CELL);
      return {
        purpose: r.purpose,
        channel: r.channel,
        variant: r.variant,
        templateVersions: r.templateVersions,
        households: shown(r.households, hide),
        responders: shown(r.responders, hideRate),
        rate: hideRate ? null : r.households ? r.responders / r.households : 0,
        interval: hideRate ? null : wilsonInterval({ units: r.households, responders: r.responders }),
      };
    });
  }

  private async funnelCells(filter: AnalyticsFilter): Promise<FunnelCell[]> {
    const counts = await this.repository.funnel(
      filter,
      FUNNEL_STEPS.map((s) => s.step),
    );
    const cells = FUNNEL_STEPS.map((s) => ({ key: s.step, households: counts.get(s.step) ?? 0 }));
    const hidden = hiddenInChain(cells);
    return FUNNEL_STEPS.map((s, i) => ({ step: s.step, label: s.label, households: shown(cells[i]!.households, hidden.has(s.step)) }));
  }

  private async coordinationCells(filter: AnalyticsFilter): Promise<CoordinationCell[]> {
    const rows = await this.repository.coordination(filter);
    const hidden = new Set<string>();
    for (const dimension of new Set(rows.map((r) => r.dimension))) {
      const group = rows.filter((r) => r.dimension === dimension);
      for (const k of hiddenInPartition(group.map((r) => ({ key: `${r.dimension}|${r.value}`, households: r.households })))) hidden.add(k);
    }
    return rows.map((r) => {
      const hide = hidden.has(`${r.dimension}|${r.value}`);
      return {
        dimension: r.dimension,
        value: r.value,
        households: shown(r.households, hide),
        before: hide ? null : round2(r.before / r.households),
        after: hide ? null : round2(r.after / r.households),
      };
    });
  }

  private async experimentReports(territory: string | null): Promise<MaskedExperiment[]> {
    const list = (await this.experiments.list()).filter((e) => territory === null || e.territory === territory);
    return Promise.all(list.map(async (e) => maskExperiment(await this.experiments.report(e.id))));
  }
}
