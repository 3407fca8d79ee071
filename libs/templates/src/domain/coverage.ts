import type { ProcedureStage } from '@unisson/vocabulary';
import type { TemplateKey } from './catalogue';
import type { TemplateDefinition } from './template-definition';
import { factProblem, wordingChannel } from './wording-facts';

/**
 * Does the library word every contact the playbooks plan? Three rules, pure over plain data:
 * - `unworded-purpose`: a playbook purpose (in a channel it is planned in) that no template words;
 * - `unknown-fact`: a template variable the planner cannot supply at the stage of a purpose it words;
 * - `unused-template`: a template that words no purpose of any shipped playbook.
 */

/** One purpose as a playbook plans it (the union over the shipped playbooks). */
export interface PlannedPurpose {
  id: string;
  stage: ProcedureStage;
  /** Contact channels of its sequence (sms, letter, call, homeVisit, servedAct…). */
  channels: string[];
  /** Playbooks planning it ("FR", "93"…), for the message. */
  playbooks: string[];
  /** Written to the private landlord: worded by a landlord letter (landlord-letter.ts), not by a household template. */
  addressee?: 'household' | 'landlord';
}

export interface CoverageFinding {
  rule: 'unworded-purpose' | 'unknown-fact' | 'unused-template';
  templateKey?: TemplateKey;
  purpose?: string;
  channel?: string;
  detail: string;
}

export function checkCoverage(definitions: Iterable<TemplateDefinition>, purposes: readonly PlannedPurpose[]): CoverageFinding[] {
  const defs = [...definitions];
  const findings: CoverageFinding[] = [];
  const byPurpose = new Map<string, TemplateDefinition>();
  for (const def of defs) for (const p of def.purposes) if (!byPurpose.has(p)) byPurpose.set(p, def);
  const planned = new Map(purposes.map((p) => [p.id, p]));
  for (const purpose of purposes) {
    if (purpose.addressee === 'landlord') continue; // checkLandlordCoverage
    const def = byPurpose.get(purpose.id);
    if (!def) {
      findings.push({
        rule: 'unworded-purpose',
        purpose: purpose.id,
        detail: `Aucun modèle ne formule « ${purpose.id} » (playbooks ${purpose.playbooks.join(', ')}) : ajoutez "${purpose.id}" aux "purposes" d'un templates/<clé>/template.json.`,
      });
      continue;
    }
    for (const channel of purpose.channels) {
      const libraryChannel = wordingChannel(channel);
      if (!libraryChannel || !def.channels.includes(libraryChannel))
        findings.push({
          rule: 'unworded-purpose',
          templateKey: def.key,
          purpose: purpose.id,
          channel,
          detail: `« ${purpose.id} » est prévu en ${channel}, que le modèle ${def.key} n'offre pas (ajoutez le canal ${libraryChannel ?? channel}).`,
        });
    }
    for (const [variable, type] of Object.entries(def.variables)) {
      if (def.fallbacks[variable]) continue;
      const problem = factProblem(variable, type, purpose.stage);
      if (problem)
        findings.push({
          rule: 'unknown-fact',
          templateKey: def.key,
          purpose: purpose.id,
          detail: `${problem} Le modèle ${def.key} formule « ${purpose.id} » (étape ${purpose.stage}) : retirez la variable ou donnez-lui un texte de repli ("fallbacks").`,
        });
    }
  }
  for (const def of defs) {
    if (!def.purposes.some((p) => planned.has(p)))
      findings.push({
        rule: 'unused-template',
        templateKey: def.key,
        detail: `Le modèle ${def.key} ne formule aucun objectif des playbooks livrés (${def.purposes.join(', ') || 'aucun'}) : rattachez-le à un objectif ou supprimez-le.`,
      });
  }
  return findings;
}
