import type { ExperimentReport, ExperimentWithReport } from '@unisson/experiments';
import { STAGE_LABELS } from '@unisson/vocabulary';
import { publishCount, publishedCount, publishedInterval, publishedProbability, publishedRate } from './disclosure';
import { ShownCount, SMALL_CELL } from './small-cells';

/** The funnel an analyst reads: from the first arrears to the hearing, and whether the household came. */
export const FUNNEL_STEPS: ReadonlyArray<{ step: string; label: string }> = [
  { step: 'premier_impaye', label: 'Premier impayé signalé' },
  { step: 'commandement_de_payer', label: 'Commandement de payer' },
  { step: 'assignation', label: 'Assignation' },
  { step: 'audience', label: 'Audience fixée' },
  { step: 'present_at_hearing', label: 'Présent à l’audience' },
];

export interface MaskedArm {
  arm: string;
  variant: string | null;
  control: boolean;
  units: ShownCount;
  responders: ShownCount;
  rate: number | null;
  interval: { low: number; high: number } | null;
}

export interface MaskedExperiment {
  id: string;
  key: string;
  name: string;
  status: string;
  territory: string;
  stage: string;
  stageLabel: string;
  purpose: string;
  channel: string;
  primaryResponseKinds: string[];
  responseWindowDays: number;
  plannedUnits: number;
  /** Share of the plan reached, to the point, from the rounded count; null while an arm's count is hidden. */
  progress: number | null;
  planReached: boolean;
  /** The sample-ratio check: the flag always, the figures only once every arm shows its count (else they would give the hidden ones). */
  sampleRatio: { mismatch: boolean; chiSquare: number | null; pValue: number | null };
  arms: MaskedArm[];
  holdout: MaskedArm | null;
  /** Comparisons are shown only when both arms show their figures (else they would reveal them). */
  comparisons: Array<ExperimentReport['comparisons'][number] & { verdictLabel: string }>;
}

const VERDICTS: Record<string, string> = {
  better: 'meilleure que le témoin',
  worse: 'moins bonne que le témoin',
  no_difference: 'pas de différence détectable',
  running: 'en cours : pas encore de conclusion',
};

function maskArm(a: ExperimentReport['arms'][number], scope: string, secret: string): MaskedArm {
  const hideUnits = a.units > 0 && a.units < SMALL_CELL;
  const non = a.units - a.responders;
  const hideRate = hideUnits || (a.responders > 0 && a.responders < SMALL_CELL) || (non > 0 && non < SMALL_CELL);
  return {
    arm: a.arm,
    variant: a.variant,
    control: a.control,
    units: publishCount(a.units, `${scope}|${a.arm}|units`, secret, hideUnits),
    responders: publishCount(a.responders, `${scope}|${a.arm}|responders`, secret, hideRate),
    rate: hideRate ? null : publishedRate(a.rate),
    interval: hideRate ? null : publishedInterval(a.interval),
  };
}

type Comparison = ExperimentReport['comparisons'][number];

/** A comparison's figures coarsened like the rates (computed on exact counts, published to the point). */
function publishedComparison(c: Comparison): Comparison {
  return {
    ...c,
    difference: publishedRate(c.difference),
    differenceInterval: publishedInterval(c.differenceInterval),
    pValue: publishedProbability(c.pValue),
    adjustedPValue: publishedProbability(c.adjustedPValue),
    chanceToBeatControl: publishedRate(c.chanceToBeatControl),
    expectedLoss: Math.round(c.expectedLoss * 1000) / 1000,
    sequentialInterval: publishedInterval(c.sequentialInterval),
  };
}

/**
 * An experiment's report as analysts read it (decision 0035): counts rounded, small ones hidden,
 * rates and tests to the point, and neither the progress nor the sample-ratio figures while an
 * arm's count is hidden (a 1/1/0 split gives chi-square 0.2222 exactly).
 */
export function maskExperiment({ experiment: e, report }: ExperimentWithReport, secret = ''): MaskedExperiment {
  const scope = `experiment|${e.id}`;
  const arms = report.arms.map((a) => maskArm(a, scope, secret));
  const holdout = report.holdout ? maskArm(report.holdout, scope, secret) : null;
  const control = arms[0]!;
  const anyHidden = [...arms, ...(holdout ? [holdout] : [])].some((a) => a.units.hidden);
  const exposed = report.arms.reduce((s, a) => s + a.units, 0);
  const shownExposed = publishedCount(exposed, `${scope}|exposed`, secret);
  const ratio = report.sampleRatio;
  return {
    id: e.id,
    key: e.key,
    name: e.name,
    status: e.status,
    territory: e.territory,
    stage: e.stage,
    stageLabel: STAGE_LABELS[e.stage as keyof typeof STAGE_LABELS] ?? e.stage,
    purpose: e.purpose,
    channel: e.channel,
    primaryResponseKinds: e.primaryResponseKinds,
    responseWindowDays: e.responseWindowDays,
    plannedUnits: e.plannedUnits,
    progress:
      anyHidden || shownExposed === null ? null : report.plan.total > 0 ? Math.min(1, publishedRate(shownExposed / report.plan.total)) : 1,
    planReached: report.planReached,
    sampleRatio: {
      mismatch: ratio.mismatch,
      chiSquare: anyHidden ? null : Math.round(ratio.chiSquare * 10) / 10,
      pValue: anyHidden ? null : publishedProbability(ratio.pValue),
    },
    arms,
    holdout,
    comparisons: report.comparisons
      .filter((c) => control.rate !== null && arms.find((a) => a.arm === c.arm)?.rate !== null)
      .map((c) => ({ ...publishedComparison(c), verdictLabel: VERDICTS[c.verdict] ?? c.verdict })),
  };
}
