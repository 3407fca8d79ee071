import type { CallbackSlot } from './page-actions';
import type { ResponseLinkView } from './response-link';

/**
 * What the household's page shows: who writes, what to do, whom to call, never anything about the
 * debt (amounts, dates, the procedure's details stay in the letter). Pure: built from the link and
 * the public facts of the partners (names and public numbers).
 */
export interface PartnerFact {
  id: string;
  name: string;
  kind: string;
  publicPhone: string | null;
}

export interface PageFacts {
  link: ResponseLinkView;
  /** Who signed the message, the lead partner first. */
  signers: PartnerFact[];
  /** The number printed on the letter to call back (the plan's), when known. */
  callbackPhone: string | null;
  /** The partners of the household's territory (ADIL, CCAS…). */
  territoryPartners: PartnerFact[];
}

export type ContactKind = 'writer' | 'adil' | 'ccas' | 'ccas_generic' | 'helpline';
export interface PageContact {
  kind: ContactKind;
  name: string | null;
  phone: string | null;
}

/** The national line for tenants in arrears (ANIL), free from any phone in France. */
export const NATIONAL_HELPLINE = { name: 'SOS Loyers Impayés', phone: '+33805160075' } as const;

export type PageNotice =
  | { kind: 'done'; text: 'done_callback'; slot: CallbackSlot }
  | { kind: 'done'; text: 'done_situation' | 'done_preferences' }
  | { kind: 'problem'; text: 'problem_callback' | 'problem_situation' | 'problem_preferences' | 'problem_expired_form'; field: string };

export interface PageModel {
  viaNotice: boolean;
  writers: string[];
  /** Whom the letter asks to call, and on which number. */
  callFirst: { name: string; phone: string } | null;
  contacts: PageContact[];
  shortCode: string;
  /** The call-back slots offered: the call hours of the household's playbook, in its time zone. */
  callbackSlots: readonly OfferedSlot[];
}

/** A slot as the page offers it (days 0 = Sunday, hours local to the household). */
export interface OfferedSlot {
  id: CallbackSlot;
  days: readonly number[];
  from: string | null;
  to: string | null;
}

export function buildPageModel(facts: PageFacts, callbackSlots: readonly OfferedSlot[] = []): PageModel {
  const lead = facts.signers[0] ?? null;
  const leadPhone = facts.callbackPhone ?? lead?.publicPhone ?? null;
  const contacts: PageContact[] = [];
  if (lead && leadPhone) contacts.push({ kind: 'writer', name: lead.name, phone: leadPhone });
  const signerIds = new Set(facts.signers.map((s) => s.id));
  const ofKind = (kind: string) => facts.territoryPartners.find((p) => p.kind === kind && p.publicPhone && !signerIds.has(p.id)) ?? null;
  const adil = ofKind('adil');
  if (adil) contacts.push({ kind: 'adil', name: adil.name, phone: adil.publicPhone });
  const ccas = ofKind('ccas');
  contacts.push(ccas ? { kind: 'ccas', name: ccas.name, phone: ccas.publicPhone } : { kind: 'ccas_generic', name: null, phone: null });
  contacts.push({ kind: 'helpline', name: NATIONAL_HELPLINE.name, phone: NATIONAL_HELPLINE.phone });
  return {
    viaNotice: facts.link.viaNotice,
    writers: facts.signers.map((s) => s.name),
    callFirst: lead && leadPhone ? { name: lead.name, phone: leadPhone } : null,
    contacts,
    shortCode: facts.link.shortCode,
    callbackSlots,
  };
}
