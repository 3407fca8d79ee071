import type { ProcedureStage } from '@unisson/vocabulary';
import type { Channel, TemplateKey, VariableType, VariableValue, Variables } from './catalogue';
import type { TemplateDefinition } from './template-definition';

/**
 * The facts a planned contact can be worded with, and the stages at which the planner knows
 * each of them. A template variable is one of these facts or the template cannot be sent:
 * lint:templates refuses a template whose purpose comes at a stage where one of its facts is not
 * known (a payment deadline before any commandement de payer), and the wording step names the
 * fact that is missing for one household. Pure: no Nest, no database.
 */

/** Deadlines the planner derives from the playbook's legal delays (`legalDeadline`). */
export const DEADLINE_FACTS = ['paymentDeadline', 'diagnosisOfferBy', 'appealDeadline', 'leaveBy', 'truceEnd'] as const;
export type DeadlineFact = (typeof DEADLINE_FACTS)[number];

/** What Unisson knows of one household when a contact falls due. */
export interface WordingFacts {
  /** "Awa Diallo": the tenant as the most recent partner record names them. */
  fullName: string;
  /** The partner who leads the contact and whose number the household should call. */
  leadPartner: { name: string; phone: string | null };
  debtCents: number;
  monthlyRentCents: number | null;
  /** Civil date of the current stage's event (the act served, the judgment…). */
  stageOn: string | null;
  /** Local date and time of the hearing ('YYYY-MM-DD', 'HH:MM') and the court's address. */
  hearing: { date: string; time: string; place: string | null } | null;
  /** The territory's ADIL; unknown: the national line, which ANIL runs and which routes to it. */
  adilPhone: string | null;
  /** Legal deadlines, computed with the same rule as the planner (`legalDeadline` of @unisson/coordination). */
  deadlines: Partial<Record<DeadlineFact, string>>;
}

/** SOS Loyers Impayés, the national line run by ANIL (free call). */
export const NATIONAL_HELPLINE = '0805160075';

interface FactDefinition {
  type: VariableType;
  /** Stages at which the planner knows the fact; 'all' for facts of the household itself. */
  stages: readonly ProcedureStage[] | 'all';
  read(facts: WordingFacts): VariableValue | null;
  /** What the wording step needs when the fact is unknown, in words for the log and the report. */
  lacking: string;
}

const HEARING_STAGES: readonly ProcedureStage[] = ['assignation', 'audience'];

/** Whole months of rent the debt represents (at least one). */
export function monthsUnpaid(debtCents: number, monthlyRentCents: number | null): number {
  if (!monthlyRentCents || monthlyRentCents <= 0) return 1;
  return Math.max(1, Math.round(debtCents / monthlyRentCents));
}

export const WORDING_FACTS: Record<string, FactDefinition> = {
  fullName: { type: 'text', stages: 'all', read: (f) => f.fullName || null, lacking: "the tenant's name" },
  partnerName: { type: 'text', stages: 'all', read: (f) => f.leadPartner.name || null, lacking: "the lead partner's name" },
  partnerPhone: {
    type: 'phone',
    stages: 'all',
    read: (f) => f.leadPartner.phone,
    lacking: 'public phone number of the lead partner',
  },
  debtAmount: { type: 'money', stages: 'all', read: (f) => f.debtCents / 100, lacking: 'the debt' },
  monthsUnpaid: {
    type: 'count',
    stages: 'all',
    read: (f) => monthsUnpaid(f.debtCents, f.monthlyRentCents),
    lacking: 'the monthly rent',
  },
  adilPhone: { type: 'phone', stages: 'all', read: (f) => f.adilPhone ?? NATIONAL_HELPLINE, lacking: "the ADIL's number" },
  truceEnd: { type: 'date', stages: 'all', read: (f) => f.deadlines.truceEnd ?? null, lacking: 'the end of the winter truce' },
  paymentDeadline: {
    type: 'date',
    stages: ['commandement_de_payer'],
    read: (f) => f.deadlines.paymentDeadline ?? null,
    lacking: 'date of the commandement de payer',
  },
  diagnosisOfferBy: {
    type: 'date',
    stages: ['assignation'],
    read: (f) => f.deadlines.diagnosisOfferBy ?? null,
    lacking: "date of the assignation (the diagnostic's delay runs from it)",
  },
  hearingDate: { type: 'date', stages: HEARING_STAGES, read: (f) => f.hearing?.date ?? null, lacking: 'hearing date' },
  hearingTime: { type: 'time', stages: HEARING_STAGES, read: (f) => f.hearing?.time ?? null, lacking: 'hearing time' },
  courtAddress: { type: 'address', stages: HEARING_STAGES, read: (f) => f.hearing?.place ?? null, lacking: 'court address' },
  judgmentDate: { type: 'date', stages: ['jugement'], read: (f) => f.stageOn, lacking: 'date of the judgment' },
  appealDeadline: {
    type: 'date',
    stages: ['jugement'],
    read: (f) => f.deadlines.appealDeadline ?? null,
    lacking: 'date the judgment was served',
  },
  leaveBy: {
    type: 'date',
    stages: ['commandement_de_quitter_les_lieux'],
    read: (f) => f.deadlines.leaveBy ?? null,
    lacking: 'date of the commandement de quitter les lieux',
  },
};

/** Why a variable of a template cannot be supplied at a stage, or null when it can. */
export function factProblem(variable: string, type: VariableType, stage: ProcedureStage): string | null {
  const fact = WORDING_FACTS[variable];
  if (!fact)
    return `« ${variable} » n'est pas un fait que le planificateur connaît (faits connus : ${Object.keys(WORDING_FACTS).join(', ')}).`;
  if (fact.type !== type) return `« ${variable} » est de type ${fact.type}, pas ${type}.`;
  if (fact.stages !== 'all' && !fact.stages.includes(stage))
    return `« ${variable} » n'est connu qu'aux étapes ${fact.stages.join(', ')}, pas à l'étape ${stage}.`;
  return null;
}

/**
 * The channel of the library that words a planned contact: a served act is the commissaire's;
 * what Unisson words is its companion notice, a letter joined to the act (the shared notice).
 */
export function wordingChannel(contactChannel: string): Channel | null {
  if (contactChannel === 'servedAct') return 'letter';
  const channels: readonly string[] = ['sms', 'email', 'letter', 'voice', 'call', 'homeVisit'];
  return channels.includes(contactChannel) ? (contactChannel as Channel) : null;
}

export type PurposeWording = { templateKey: TemplateKey; channel: Channel; variables: Variables } | { missing: string };

/** Template of each purpose, from the `purposes` of every template.json. */
export function purposeIndex(definitions: Iterable<TemplateDefinition>): Map<string, TemplateDefinition> {
  const index = new Map<string, TemplateDefinition>();
  for (const def of definitions) for (const purpose of def.purposes) if (!index.has(purpose)) index.set(purpose, def);
  return index;
}

/** The template, channel and variables of one planned contact, or what is missing to word it. */
export function wordPurpose(
  index: ReadonlyMap<string, TemplateDefinition>,
  purpose: string,
  contactChannel: string,
  facts: WordingFacts,
): PurposeWording {
  const def = index.get(purpose);
  if (!def) return { missing: `template for purpose "${purpose}"` };
  const channel = wordingChannel(contactChannel);
  if (!channel || !def.channels.includes(channel)) return { missing: `channel ${contactChannel} of template "${def.key}"` };
  const variables: Variables = {};
  for (const [name] of Object.entries(def.variables)) {
    const fact = WORDING_FACTS[name];
    const value = fact?.read(facts) ?? null;
    if (value === null || value === '') {
      if (def.fallbacks[name]) continue; // the library writes the fallback text
      return { missing: fact ? fact.lacking : `fact "${name}"` };
    }
    variables[name] = value;
  }
  return { templateKey: def.key, channel, variables };
}
