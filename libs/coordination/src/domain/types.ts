/**
 * Plain, serialisable data the coordination engine reasons about. Instants are ISO-8601 strings
 * with an offset (or 'Z'); civil dates are 'YYYY-MM-DD'.
 */

/** Procedure stages for rent arrears, in order (see docs/decisions/0004-coordination-engine.md). */
export const STAGES = [
  'impaye',
  'signalementCaf',
  'saisineCcapex',
  'commandementDePayer',
  'assignation',
  'audience',
  'jugement',
  'commandementDeQuitterLesLieux',
  'concoursForcePublique',
  'expulsion',
] as const;
export type StageId = (typeof STAGES)[number];

/** Same values as libs/partners' PartnerKind, kept here so the pure planner has no dependency. */
export const PARTNER_KINDS = [
  'bailleur_social',
  'bailleur_prive',
  'caf',
  'etat',
  'departement',
  'ccapex',
  'adil',
  'ccas',
  'commissaire_de_justice',
  'equipe_mobile',
  'association',
  'plateforme_appels',
  'analyste',
] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];

/**
 * Ways of reaching a household. `servedAct` is a legal act served by a commissaire de justice:
 * Unisson never sends it but plans around it; `homeVisit` is a suggestion for social services.
 */
export const CHANNELS = ['letter', 'sms', 'email', 'call', 'homeVisit', 'servedAct'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Events that cancel or change outreach (the playbook says which ones cancel what). */
export const HOUSEHOLD_EVENTS = [
  'debtCleared',
  'repaymentPlanAgreed',
  'fslGranted',
  'movedOut',
  'overindebtednessFiled',
  'protocoleDeCohesionSociale',
  'alreadyAccompanied',
  'stageAdvanced',
  'householdResponded',
] as const;
export type HouseholdEventType = (typeof HOUSEHOLD_EVENTS)[number];

/** A partner's wish to tell a household something at a stage. */
export interface ContactIntent {
  id: string;
  partnerId: string;
  partnerKind: PartnerKind;
  stage: StageId;
  purpose: string;
  /** Whether the partner states it is a legal obligation (the playbook can also say so). */
  legal: boolean;
  /** Latest useful instant, if the partner has one. */
  deadline: string | null;
  /** Number the household is asked to call, as the partner wrote it. */
  callbackPhone: string | null;
  createdAt: string;
}

export interface HouseholdState {
  id: string;
  postalCode: string;
  hasMobilePhone: boolean;
  hasEmail: boolean;
  /** False once a letter came back NPAI (or the address is known wrong). */
  postalAddressValid: boolean;
}

export type LandlordKind = 'social' | 'private';

export interface ProcedureState {
  id: string;
  stage: StageId;
  /** When the current stage started (act served, event received). */
  stageEnteredAt: string;
  landlordKind: LandlordKind;
  /** Civil date the lease was signed or last renewed, if known (some delays depend on it). */
  leaseSignedOn: string | null;
  /** Named procedure dates: commandementDePayerServedAt, hearingDate, cqlServedAt… */
  dates: Partial<Record<string, string>>;
}

export type ContactOutcome = 'sent' | 'delivered' | 'undelivered' | 'npai' | 'responded' | 'refused';

export interface ContactHistoryEntry {
  channel: Channel;
  purpose: string;
  stage: StageId;
  at: string;
  outcome: ContactOutcome;
  legal: boolean;
}

export interface OptOut {
  channel: Channel;
  /** Null = every partner. */
  partnerId: string | null;
  at: string;
}

export interface HouseholdEvent {
  type: HouseholdEventType;
  at: string;
}

export interface SendWindow {
  notBefore: string;
  notAfter: string | null;
}

export type TraceCode =
  | 'planned'
  | 'merged'
  | 'coSigned'
  | 'contradictionResolved'
  | 'attachedToLegal'
  | 'stageLetterMerged'
  | 'legalKept'
  | 'suppressedByEvent'
  | 'suppressedOptOut'
  | 'suppressedTooLate'
  | 'suppressedUnknownPurpose'
  | 'suppressedOtherStage'
  | 'suppressedNoChannel'
  | 'suppressedMissingDate'
  | 'suppressedAlreadyDone'
  | 'deferredQuietHours'
  | 'deferredCap'
  | 'deferredRefusalPause'
  | 'deferredWinterTruce'
  | 'escalationNpai'
  | 'homeVisitSuggested';

export interface TraceEntry {
  code: TraceCode;
  /** French sentence for partners reading the plan. */
  message: string;
  intentIds: string[];
  contactKey: string | null;
}

export interface PlannedContact {
  /** Deterministic key: the same household, procedure, stage, group, channel and step give the same key. */
  key: string;
  channel: Channel;
  purpose: string;
  purposes: string[];
  legal: boolean;
  stage: StageId;
  step: number;
  /** Only sent if the household has not answered the previous steps. */
  onlyIfNoResponse: boolean;
  leadPartnerId: string;
  coSigningPartnerIds: string[];
  callbackPhone: string | null;
  window: SendWindow;
  /** 0..n-1 slot for later experiments, stable per household and purpose. */
  variantSlot: number;
  absorbedIntentIds: string[];
  reasons: string[];
}

export interface ContactPlan {
  householdId: string;
  procedureId: string;
  stage: StageId;
  territory: string;
  playbookVersion: string;
  timeZone: string;
  plannedAt: string;
  contacts: PlannedContact[];
  trace: TraceEntry[];
}
