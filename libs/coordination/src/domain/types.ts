/**
 * Plain, serialisable data the coordination engine reasons about. Instants are ISO-8601 strings
 * with an offset (or 'Z'); civil dates are 'YYYY-MM-DD'. Stages and channels are defined once,
 * in @unisson/vocabulary.
 */
import type { ContactChannel, HouseholdChosenChannel, HousingSector, PartnerKind, ProcedureStage } from '@unisson/vocabulary';

export { PARTNER_KINDS, type PartnerKind } from '@unisson/vocabulary';

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

/** What happened, as a sentence part partners read in the reason trace. */
export const HOUSEHOLD_EVENT_LABELS: Record<HouseholdEventType, string> = {
  debtCleared: 'la dette est soldée',
  repaymentPlanAgreed: "un plan d'apurement a été conclu",
  fslGranted: 'une aide du FSL a été accordée',
  movedOut: 'le ménage a quitté le logement',
  overindebtednessFiled: 'un dossier de surendettement a été déposé',
  protocoleDeCohesionSociale: 'un protocole de cohésion sociale a été signé',
  alreadyAccompanied: 'le ménage est déjà accompagné par un travailleur social',
  stageAdvanced: "le dossier est passé à l'étape suivante",
  householdResponded: 'le ménage a répondu',
};

/** A partner's wish to tell a household something at a stage. */
export interface ContactIntent {
  id: string;
  partnerId: string;
  partnerKind: PartnerKind;
  stage: ProcedureStage;
  purpose: string;
  /** Whether the partner states it is a legal obligation (the playbook can also say so). */
  legal: boolean;
  /** Latest useful instant, if the partner has one. */
  deadline: string | null;
  /** Number the household is asked to call, as the partner wrote it. */
  callbackPhone: string | null;
  createdAt: string;
}

/** A partner as the plan names it (never by its id in what people read). */
export interface PartnerInPlan {
  id: string;
  name: string;
  kind: PartnerKind;
}

export interface HouseholdState {
  id: string;
  postalCode: string;
  hasMobilePhone: boolean;
  hasEmail: boolean;
  /** False once a letter came back NPAI to the current address (for every partner), or it is known wrong. */
  postalAddressValid: boolean;
  /** A number a spoken message can ring, landlines included (absent: the mobile phone is the only one known). */
  hasPhone?: boolean;
  /** A partner said the household reads with difficulty or cannot read (absent or false: nobody said so). */
  readsWithDifficulty?: boolean;
  /**
   * The channel the household itself chose on its response page (absent or null: it did not
   * choose). Its non-legal written messages go by that channel when it reaches the household.
   */
  preferredChannel?: HouseholdChosenChannel | null;
}

/** The channels whose contact details reach the household (not wrong, bounced or returned). */
export interface ReachableChannels {
  sms: boolean;
  email: boolean;
  letter: boolean;
  voice: boolean;
}

export type LandlordKind = HousingSector;

/** What the procedure owes and since when (the CAF's arrears regimes depend on it). */
export interface ArrearsFacts {
  debtCents: number;
  monthlyRentCents: number | null;
  firstUnpaidOn: string | null;
  /** Whether the household receives APL/AL (null: nobody told Unisson). */
  housingBenefit: boolean | null;
}

export interface ProcedureState {
  id: string;
  stage: ProcedureStage;
  /** Civil date of the legal event that opened the stage (act served, decision): legal delays count from it. */
  stageEventOn: string;
  /**
   * When Unisson's own sequences start: the stage event's date, or when Unisson learned of it if
   * later (a reminder "7 days after" is not due at once because the report came late).
   */
  stageEnteredAt: string;
  landlordKind: LandlordKind;
  /** Civil date the lease was signed or last renewed, if known (some delays depend on it). */
  leaseSignedOn: string | null;
  /** Named procedure dates: hearingDate… */
  dates: Partial<Record<string, string>>;
  arrears: ArrearsFacts;
  /** Civil date the procedure closed (debt cleared, moved out), or null while it runs. */
  closedOn: string | null;
  /**
   * Unisson holds a postal address for the procedure's private landlord (its partner record), so
   * a letter to the landlord can be planned. Absent: unknown, no landlord letter.
   */
  landlordPostalAddressKnown?: boolean;
  /** The landlord's current address is the one a letter to the landlord came back from (NPAI): not known, and the trace says so. */
  landlordPostalAddressReturned?: boolean;
}

export type ContactOutcome = 'sent' | 'delivered' | 'undelivered' | 'failed' | 'npai' | 'responded' | 'refused';

export interface ContactHistoryEntry {
  channel: ContactChannel;
  purpose: string;
  stage: ProcedureStage;
  at: string;
  outcome: ContactOutcome;
  legal: boolean;
  /** Every purpose the contact carried (merged letters carry several); the primary one when unknown. */
  purposes?: string[];
  /** The planned contact it was, when known. */
  key?: string;
}

export interface OptOut {
  channel: ContactChannel;
  /** Null = every partner. */
  partnerId: string | null;
  at: string;
}

export interface HouseholdEvent {
  type: HouseholdEventType;
  at: string;
  /** The partner that reported it, when a partner did. */
  reportedBy?: string | null;
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
  | 'legalWithdrawn'
  | 'legalHeldForStage'
  | 'shortHearingNotice'
  | 'suppressedByEvent'
  | 'suppressedCondition'
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
  | 'npaiReplanned'
  | 'homeVisitSuggested'
  | 'spokenInstead'
  | 'spokenAlongside'
  | 'householdChoseChannel';

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
  channel: ContactChannel;
  purpose: string;
  purposes: string[];
  legal: boolean;
  stage: ProcedureStage;
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
  /** Written to the procedure's private landlord, not to the household (absent: the household). */
  addressee?: 'landlord';
}

/**
 * Why contacts of an earlier plan are no longer planned: the longest matching key prefix gives the
 * reason, and among those of one prefix the one of the contact's own purpose (a merged message's
 * purposes share a key prefix; each contact is named by the purpose it was planned for).
 */
export interface Withdrawal {
  keyPrefix: string;
  reason: string;
  /** Only for contacts planned for this purpose (absent: any contact of the prefix). */
  purpose?: string;
}

/** The reason a contact of an earlier plan (its key, the purpose it was planned for) is no longer planned; null if none applies. */
export function withdrawalReasonFor(withdrawals: readonly Withdrawal[], key: string, purpose: string): string | null {
  const applying = withdrawals.filter((w) => key.startsWith(w.keyPrefix) && (w.purpose === undefined || w.purpose === purpose));
  applying.sort((a, b) => b.keyPrefix.length - a.keyPrefix.length || Number(b.purpose !== undefined) - Number(a.purpose !== undefined));
  return applying[0]?.reason ?? null;
}

export interface ContactPlan {
  householdId: string;
  procedureId: string;
  stage: ProcedureStage;
  territory: string;
  playbookVersion: string;
  timeZone: string;
  plannedAt: string;
  contacts: PlannedContact[];
  trace: TraceEntry[];
  withdrawals: Withdrawal[];
}
