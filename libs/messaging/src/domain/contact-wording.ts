/**
 * What a planned contact says: the template that words each coordination purpose, and its
 * variables taken from what Unisson knows of the household. Pure: no Nest, no database.
 *
 * A purpose without a template, or a template whose facts are unknown (no hearing date for a
 * hearing reminder), gives a `missing` answer naming what is lacking: messaging records the
 * contact as not sendable rather than sending a letter with holes in it.
 */
import type { TemplateKey, Variables } from '@unisson/templates';

export interface WordingContext {
  /** "Awa Diallo": the tenant as the most recent partner record names them. */
  fullName: string;
  /** The partner who leads the contact and whose number the household should call. */
  leadPartner: { name: string; phone: string | null };
  debtCents: number;
  monthlyRentCents: number | null;
  /** Civil date the current stage began (the stage event's date). */
  stageOn: string | null;
  leaseSignedOn: string | null;
  /** Local date and time of the hearing ('YYYY-MM-DD', 'HH:MM') and the court's address. */
  hearing: { date: string; time: string; place: string | null } | null;
  /** The territory's ADIL, for free legal information. */
  adil: { phone: string | null; address: string | null } | null;
}

export type Wording = { templateKey: TemplateKey; variables: Variables } | { missing: string };

/** Coordination purposes (playbooks' ids) worded by a template of the library. */
const TEMPLATE_OF_PURPOSE: Record<string, TemplateKey> = {
  rappelImpaye: 'first_arrears_information',
  rappelAudience: 'hearing_reminder',
  lettrePreventionCcapex: 'ccapex_prevention_letter',
  aideJuridictionnelle: 'legal_aid_adil_information',
  informationJuridiqueAdil: 'legal_aid_adil_information',
  lettrePrefectureDalo: 'cql_rehousing',
  offreRelogement: 'cql_rehousing',
};

/** A civil date plus whole months, clamped to the month's last day (31 December + 2 months = 28 February). */
function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const lastDay = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m - 1 + months, Math.min(d, lastDay))).toISOString().slice(0, 10);
}

/** Lease signed before 29 July 2023: 2 months to pay after a commandement de payer; after: 6 weeks (loi n° 2023-668). */
export function commandementPaymentDeadline(commandementOn: string, leaseSignedOn: string | null): string {
  if (leaseSignedOn !== null && leaseSignedOn < '2023-07-29') return addMonths(commandementOn, 2);
  const date = new Date(`${commandementOn}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 42);
  return date.toISOString().slice(0, 10);
}

/** Two months after a commandement de quitter les lieux (CPCE art. L412-1). */
export function leaveByDate(cqlOn: string): string {
  return addMonths(cqlOn, 2);
}

/** Whole months of rent the debt represents (at least one). */
export function monthsUnpaid(debtCents: number, monthlyRentCents: number | null): number {
  if (!monthlyRentCents || monthlyRentCents <= 0) return 1;
  return Math.max(1, Math.round(debtCents / monthlyRentCents));
}

export function wordingFor(purpose: string, context: WordingContext): Wording {
  const templateKey = TEMPLATE_OF_PURPOSE[purpose];
  if (!templateKey) return { missing: `template for purpose "${purpose}"` };
  const base: Variables = { fullName: context.fullName, partnerName: context.leadPartner.name };
  if (!context.leadPartner.phone) return { missing: `public phone number of ${context.leadPartner.name}` };
  base.partnerPhone = context.leadPartner.phone;
  const debtAmount = context.debtCents / 100;
  switch (templateKey) {
    case 'first_arrears_information':
      return { templateKey, variables: { ...base, debtAmount, monthsUnpaid: monthsUnpaid(context.debtCents, context.monthlyRentCents) } };
    case 'hearing_reminder':
      if (!context.hearing?.place) return { missing: 'hearing date and court address' };
      return {
        templateKey,
        variables: { ...base, hearingDate: context.hearing.date, hearingTime: context.hearing.time, courtAddress: context.hearing.place },
      };
    case 'ccapex_prevention_letter':
      if (!context.stageOn) return { missing: 'date of the commandement de payer' };
      if (!context.adil?.phone) return { missing: "the territory's ADIL phone number" };
      return {
        templateKey,
        variables: {
          ...base,
          debtAmount,
          paymentDeadline: commandementPaymentDeadline(context.stageOn, context.leaseSignedOn),
          adilPhone: context.adil.phone,
        },
      };
    case 'legal_aid_adil_information':
      if (!context.hearing) return { missing: 'hearing date' };
      if (!context.adil?.phone || !context.adil.address) return { missing: "the territory's ADIL phone number and address" };
      return {
        templateKey,
        variables: { ...base, hearingDate: context.hearing.date, adilPhone: context.adil.phone, adilAddress: context.adil.address },
      };
    case 'cql_rehousing':
      if (!context.stageOn) return { missing: 'date of the commandement de quitter les lieux' };
      return { templateKey, variables: { ...base, leaveBy: leaveByDate(context.stageOn) } };
    default:
      return { missing: `variables of template "${templateKey}"` };
  }
}
