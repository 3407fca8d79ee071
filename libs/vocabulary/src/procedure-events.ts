/**
 * What partners report about a procedure: stage events. Each one moves the procedure to a stage,
 * closes it, or records a fact that changes the outreach without moving the procedure (a
 * repayment plan agreed). Defined here, next to the stages they lead to, so that the intake, the
 * households' records and the coordination engine read one table.
 */
import type { ProcedureStage } from './procedure-stages';

export const STAGE_EVENT_TYPES = [
  'premier_impaye',
  'signalement_caf',
  'saisine_ccapex',
  'commandement_de_payer',
  'assignation',
  'audience',
  'jugement',
  'commandement_de_quitter_les_lieux',
  'cfp_demande',
  'cfp_accorde',
  'plan_apurement',
  'dette_soldee',
  'depart_du_logement',
] as const;
export type StageEventType = (typeof STAGE_EVENT_TYPES)[number];

/** What an event does: moves the procedure to a stage, closes it, or only records a fact. */
export type StageEventEffect = { moves: ProcedureStage } | { closes: true } | { records: true };

const EFFECT_OF_EVENT: Record<StageEventType, StageEventEffect> = {
  premier_impaye: { moves: 'premier_impaye' },
  signalement_caf: { moves: 'signalement_caf' },
  saisine_ccapex: { moves: 'saisine_ccapex' },
  commandement_de_payer: { moves: 'commandement_de_payer' },
  assignation: { moves: 'assignation' },
  audience: { moves: 'audience' },
  jugement: { moves: 'jugement' },
  commandement_de_quitter_les_lieux: { moves: 'commandement_de_quitter_les_lieux' },
  cfp_demande: { moves: 'concours_force_publique' },
  cfp_accorde: { moves: 'expulsion' },
  plan_apurement: { records: true },
  dette_soldee: { closes: true },
  depart_du_logement: { closes: true },
};

export function effectOfEvent(event: StageEventType): StageEventEffect {
  return EFFECT_OF_EVENT[event];
}

/** The stage an event moves the procedure to, or null (it closes the procedure or records a fact). */
export function stageOfEvent(event: string): ProcedureStage | null {
  const effect = (EFFECT_OF_EVENT as Record<string, StageEventEffect | undefined>)[event];
  return effect && 'moves' in effect ? effect.moves : null;
}
