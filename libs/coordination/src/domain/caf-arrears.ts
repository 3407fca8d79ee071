/**
 * Whether rent arrears are "constituted" for a household receiving housing benefit (APL/AL):
 * the CAF/MSA's definition, which changed on 1 January 2027 (décret n° 2026-84). Until then the
 * debt must reach two months of rent; from then it must exceed 450 € or the rent be unpaid three
 * months after the first default. The regimes are playbook data (amounts and dates, with their
 * sources); this pure function applies the one in force on the day asked, so both coexist during
 * the transition.
 */
import { addMonths, dayOfIsoDate } from './calendar';

export type CafArrearsRule =
  { kind: 'rentMultiple'; months: number } | { kind: 'debtOrDuration'; debtAboveCents: number; unpaidMonths: number };

export interface CafArrearsRegime {
  id: string;
  label: string;
  source: string;
  appliesFrom: string;
  appliesUntil: string | null;
  rule: CafArrearsRule;
}

export interface CafArrearsFacts {
  debtCents: number;
  monthlyRentCents: number | null;
  /** First unpaid rent's due date ('YYYY-MM-DD'). */
  firstUnpaidOn: string | null;
}

export type CafArrearsStatus = 'constituted' | 'notConstituted' | 'unknown';

export interface CafArrearsDecision {
  status: CafArrearsStatus;
  /** The regime in force on the day (null: none in the playbook covers it). */
  regime: CafArrearsRegime | null;
  /** French sentence for the reason trace. */
  reason: string;
}

const euros = (cents: number): string => `${Math.round(cents / 100)} €`;

function regimeOn(regimes: readonly CafArrearsRegime[], onDate: string): CafArrearsRegime | null {
  return regimes.find((r) => r.appliesFrom <= onDate && (r.appliesUntil === null || onDate <= r.appliesUntil)) ?? null;
}

/** Applies the regime in force on `onDate` to the debt, the rent and the first unpaid date. */
export function cafArrearsDecision(regimes: readonly CafArrearsRegime[], facts: CafArrearsFacts, onDate: string): CafArrearsDecision {
  const regime = regimeOn(regimes, onDate);
  if (!regime) return { status: 'unknown', regime: null, reason: "Aucun régime d'impayé CAF en vigueur à cette date dans le playbook." };
  const rule = regime.rule;
  if (facts.debtCents <= 0) return { status: 'notConstituted', regime, reason: `${regime.label} : aucune dette.` };
  if (rule.kind === 'rentMultiple') {
    if (!facts.monthlyRentCents) return { status: 'unknown', regime, reason: `${regime.label} : loyer inconnu.` };
    const threshold = facts.monthlyRentCents * rule.months;
    const constituted = facts.debtCents >= threshold;
    return {
      status: constituted ? 'constituted' : 'notConstituted',
      regime,
      reason: `${regime.label} : dette de ${euros(facts.debtCents)} ${constituted ? 'au moins égale' : 'inférieure'} à ${rule.months} mois de loyer (${euros(threshold)}).`,
    };
  }
  if (facts.debtCents > rule.debtAboveCents) {
    return {
      status: 'constituted',
      regime,
      reason: `${regime.label} : dette de ${euros(facts.debtCents)}, supérieure à ${euros(rule.debtAboveCents)}.`,
    };
  }
  if (!facts.firstUnpaidOn) return { status: 'unknown', regime, reason: `${regime.label} : date du premier impayé inconnue.` };
  const since = dayOfIsoDate(onDate) >= addMonths(dayOfIsoDate(facts.firstUnpaidOn), rule.unpaidMonths);
  return {
    status: since ? 'constituted' : 'notConstituted',
    regime,
    reason: since
      ? `${regime.label} : loyer impayé depuis plus de ${rule.unpaidMonths} mois.`
      : `${regime.label} : dette de ${euros(facts.debtCents)} et moins de ${rule.unpaidMonths} mois d'impayé.`,
  };
}
