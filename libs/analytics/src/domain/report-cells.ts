import type { ExperimentReport, ExperimentWithReport } from '@unisson/experiments';
import { STAGE_LABELS } from '@unisson/vocabulary';
import { shown, ShownCount, SMALL_CELL } from './small-cells';

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
  progress: number;
  planReached: boolean;
  sampleRatio: ExperimentReport['sampleRatio'];
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

function maskArm(a: ExperimentReport['arms'][number]): MaskedArm {
  const hideUnits = a.units > 0 && a.units < SMALL_CELL;
  const non = a.units - a.responders;
  const hideRate = hideUnits || (a.responders > 0 && a.responders < SMALL_CELL) || (non > 0 && non < SMALL_CELL);
  return {
    arm: a.arm,
    variant: a.variant,
    control: a.control,
    units: shown(a.units, hideUnits),
    responders: shown(a.responders, hideRate),
    rate: hideRate ? null : a.rate,
    interval: hideRate ? null : a.interval,
  };
}

export function maskExperiment({ experiment: e, report }: ExperimentWithReport): MaskedExperiment {
  const arms = report.arms.map(maskArm);
  const control = arms[0]!;
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
    progress: report.progress,
    planReached: report.planReached,
    sampleRatio: report.sampleRatio,
    arms,
    holdout: report.holdout ? maskArm(report.holdout) : null,
    comparisons: report.comparisons
      .filter((c) => control.rate !== null && arms.find((a) => a.arm === c.arm)?.rate !== null)
      .map((c) => ({ ...c, verdictLabel: VERDICTS[c.verdict] ?? c.verdict })),
  };
}
