/**
 * The stages of a rent-arrears procedure, in legal order (shared/domain.md): one list, the same
 * ids in the API, the database, the playbooks and the plans. A closed procedure keeps the stage
 * it closed at (its `closed_at` says it is closed).
 */
export const PROCEDURE_STAGES = [
  'premier_impaye',
  'signalement_caf',
  'saisine_ccapex',
  'commandement_de_payer',
  'assignation',
  'audience',
  'jugement',
  'commandement_de_quitter_les_lieux',
  'concours_force_publique',
  'expulsion',
] as const;
export type ProcedureStage = (typeof PROCEDURE_STAGES)[number];

/** French labels, as partners and households read them. */
export const STAGE_LABELS: Record<ProcedureStage, string> = {
  premier_impaye: 'premier impayé',
  signalement_caf: "signalement de l'impayé à la CAF",
  saisine_ccapex: 'saisine de la CCAPEX',
  commandement_de_payer: 'commandement de payer',
  assignation: 'assignation',
  audience: 'audience',
  jugement: 'jugement',
  commandement_de_quitter_les_lieux: 'commandement de quitter les lieux',
  concours_force_publique: 'demande de concours de la force publique',
  expulsion: 'concours de la force publique accordé',
};

export function isProcedureStage(value: string): value is ProcedureStage {
  return (PROCEDURE_STAGES as readonly string[]).includes(value);
}

/** Position in the procedure (0 = first unpaid rent); compare stages with it. */
export function stageRank(stage: ProcedureStage): number {
  return PROCEDURE_STAGES.indexOf(stage);
}
