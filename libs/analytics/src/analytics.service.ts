import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@unisson/config';
import { ExperimentsService, Interval, wilsonInterval } from '@unisson/experiments';
import { isHouseholdAnswer, RESPONSE_KINDS } from '@unisson/vocabulary';
import { AnalyticsFilter, AnalyticsRepository } from './analytics.repository';
import { AnalyticsProjector } from './analytics-projector';
import { CHARTER_INDICATORS, CharterFigure, charterFigures } from './domain/charter-indicators';
import { FUNNEL_STEPS, maskExperiment, MaskedExperiment } from './domain/report-cells';
import { cellScope, publishCount, ROUNDING_BASE, publishedInterval, publishedRate } from './domain/disclosure';
import { hiddenInChain, hiddenInPartition, ShownCount, SMALL_CELL } from './domain/small-cells';

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
  /** The period counted: whole ISO weeks (Monday 00:00 UTC to Monday 00:00 UTC) covering the one asked for. */
  from: string;
  to: string;
  period: string;
  smallCellThreshold: number;
  /** Counts are published rounded to a multiple of this (controlled rounding, decision 0035). */
  roundingBase: number;
  variants: VariantCell[];
  funnel: FunnelCell[];
  coordination: CoordinationCell[];
  experiments: MaskedExperiment[];
}

const ANSWER_KINDS = RESPONSE_KINDS.filter(isHouseholdAnswer);
const round2 = (x: number) => Math.round(x * 100) / 100;
const DAY = 86_400_000;

/**
 * Analysts' figures: aggregates only, every cell under 10 households hidden, the others rounded to
 * a multiple of 5 and rates to the point (libs/analytics/src/domain/disclosure.ts), so that no
 * difference of two figures gives a small group.
 */
@Injectable()
export class AnalyticsService {
  constructor(
    private readonly repository: AnalyticsRepository,
    private readonly projector: AnalyticsProjector,
    private readonly experiments: ExperimentsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private get secret(): string {
    return this.config.security.appSecret;
  }

  async report(filter: AnalyticsFilter): Promise<AnalyticsReport> {
    await this.projector.catchUp();
    const [variants, funnel, coordination, experiments] = await Promise.all([
      this.variantCells(filter),
      this.funnelCells(filter),
      this.coordinationCells(filter),
      this.experimentReports(filter.territory),
    ]);
    const day = (d: Date) => d.toISOString().slice(0, 10);
    return {
      territory: filter.territory,
      from: filter.from.toISOString(),
      to: filter.to.toISOString(),
      period: `semaines entières du lundi ${day(filter.from)} au dimanche ${day(new Date(filter.to.getTime() - DAY))} inclus`,
      smallCellThreshold: SMALL_CELL,
      roundingBase: ROUNDING_BASE,
      variants,
      funnel,
      coordination,
      experiments,
    };
  }

  async charter(filter: AnalyticsFilter): Promise<CharterFigure[]> {
    await this.projector.catchUp();
    const purposes = CHARTER_INDICATORS.flatMap((c) => (c.source && 'purpose' in c.source ? [c.source.purpose] : []));
    const scope = cellScope('charter', filter.territory, filter.from, filter.to);
    return charterFigures(await this.repository.charterCounts(filter, purposes), scope, this.secret);
  }

  private async variantCells(filter: AnalyticsFilter): Promise<VariantCell[]> {
    const rows = await this.repository.variantRates(filter, ANSWER_KINDS);
    const hidden = new Set<string>();
    const key = (r: { purpose: string; channel: string; variant: string }) => `${r.purpose}|${r.channel}|${r.variant}`;
    const groups = new Map<string, typeof rows>();
    for (const r of rows) groups.set(`${r.purpose}|${r.channel}`, [...(groups.get(`${r.purpose}|${r.channel}`) ?? []), r]);
    for (const group of groups.values())
      for (const k of hiddenInPartition(group.map((r) => ({ key: key(r), households: r.households })))) hidden.add(k);
    const scope = cellScope('variants', filter.territory, filter.from, filter.to);
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
        households: publishCount(r.households, `${scope}|${key(r)}|households`, this.secret, hide),
        responders: publishCount(r.responders, `${scope}|${key(r)}|responders`, this.secret, hideRate),
        rate: hideRate ? null : publishedRate(r.households ? r.responders / r.households : 0),
        interval: hideRate ? null : publishedInterval(wilsonInterval({ units: r.households, responders: r.responders })),
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
    const scope = cellScope('funnel', filter.territory, filter.from, filter.to);
    return FUNNEL_STEPS.map((s, i) => ({
      step: s.step,
      label: s.label,
      households: publishCount(cells[i]!.households, `${scope}|${s.step}`, this.secret, hidden.has(s.step)),
    }));
  }

  private async coordinationCells(filter: AnalyticsFilter): Promise<CoordinationCell[]> {
    const rows = await this.repository.coordination(filter);
    const hidden = new Set<string>();
    for (const dimension of new Set(rows.map((r) => r.dimension))) {
      const group = rows.filter((r) => r.dimension === dimension);
      for (const k of hiddenInPartition(group.map((r) => ({ key: `${r.dimension}|${r.value}`, households: r.households })))) hidden.add(k);
    }
    const scope = cellScope('coordination', filter.territory, filter.from, filter.to);
    return rows.map((r) => {
      const hide = hidden.has(`${r.dimension}|${r.value}`);
      return {
        dimension: r.dimension,
        value: r.value,
        households: publishCount(r.households, `${scope}|${r.dimension}|${r.value}`, this.secret, hide),
        before: hide ? null : round2(r.before / r.households),
        after: hide ? null : round2(r.after / r.households),
      };
    });
  }

  private async experimentReports(territory: string | null): Promise<MaskedExperiment[]> {
    const list = (await this.experiments.list()).filter((e) => territory === null || e.territory === territory);
    return Promise.all(list.map(async (e) => maskExperiment(await this.experiments.report(e.id), this.secret)));
  }
}
