/**
 * The rent-arrears procedure, stage by stage (see shared/domain.md). Stage events are what
 * partners report; each moves the procedure to a stage or closes it.
 */
export const STAGE_EVENT_TYPES = [
  'premier_impaye',
  'signalement_caf',
  'commandement_de_payer',
  'assignation',
  'jugement',
  'commandement_de_quitter_les_lieux',
  'cfp_demande',
  'cfp_accorde',
  'dette_soldee',
  'depart_du_logement',
] as const;
export type StageEventType = (typeof STAGE_EVENT_TYPES)[number];

export const PROCEDURE_STAGES = [
  'premier_impaye',
  'signalement_caf',
  'commandement_de_payer',
  'assignation',
  'jugement',
  'commandement_de_quitter_les_lieux',
  'concours_force_publique',
  'close',
] as const;
export type ProcedureStage = (typeof PROCEDURE_STAGES)[number];

const STAGE_OF_EVENT: Record<StageEventType, ProcedureStage> = {
  premier_impaye: 'premier_impaye',
  signalement_caf: 'signalement_caf',
  commandement_de_payer: 'commandement_de_payer',
  assignation: 'assignation',
  jugement: 'jugement',
  commandement_de_quitter_les_lieux: 'commandement_de_quitter_les_lieux',
  cfp_demande: 'concours_force_publique',
  cfp_accorde: 'concours_force_publique',
  dette_soldee: 'close',
  depart_du_logement: 'close',
};

/**
 * The stage a procedure is in after an event. Stages never go backwards: a late-reported
 * earlier event is recorded but does not rewind the procedure; closing events always close.
 */
export function stageAfter(current: ProcedureStage | null, event: StageEventType): ProcedureStage {
  const next = STAGE_OF_EVENT[event];
  if (next === 'close' || current === null) return next;
  if (current === 'close') return 'close';
  return PROCEDURE_STAGES.indexOf(next) > PROCEDURE_STAGES.indexOf(current) ? next : current;
}
