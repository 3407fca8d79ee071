import type { SharedViewField } from '@unisson/access';

/** Plain facts the shared coordination view is built from (already read through each capability's reader). */
export interface HouseholdFactsForView {
  territory: string;
  records: Array<{
    partnerId: string;
    lastName: string;
    firstName: string;
    street: string;
    addressExtra: string | null;
    postalCode: string;
    city: string;
    phone: string | null;
    email: string | null;
    cafNumber: string | null;
    updatedAt: string;
  }>;
  procedure: { stage: string; housingSector: string; debtCents: number; hearingAt: string | null; hearingPlace: string | null } | null;
  stageOn: string | null;
  partnerKinds: string[];
  plannedContacts: Array<{ channel: string; purpose: string; notBefore: string; status: string }>;
  responses: Array<{ channel: string; kind: string; receivedAt: string }>;
  optOuts: string[];
  /**
   * What the engine knows reaches the household (a wrong number, a bounced e-mail or a returned
   * letter does not); absent: judged from the records alone.
   */
  reachable?: { sms: boolean; email: boolean; letter: boolean; voice: boolean } | null;
}

export type SharedView = Partial<Record<SharedViewField, unknown>>;

/** Every field of the shared view; the sharing agreement then keeps only the granted ones. */
export function buildSharedView(facts: HouseholdFactsForView): SharedView {
  const freshest = [...facts.records].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  const first = <K extends keyof HouseholdFactsForView['records'][number]>(key: K) => freshest.find((r) => r[key])?.[key] ?? null;
  const last = facts.responses[facts.responses.length - 1];
  const address = freshest[0];
  return {
    stage: facts.procedure?.stage ?? null,
    stageSince: facts.stageOn,
    partnersInvolved: [...new Set(facts.partnerKinds)].sort(),
    housingSector: facts.procedure?.housingSector ?? null,
    debtAmount: facts.procedure ? facts.procedure.debtCents / 100 : null,
    hearing: facts.procedure?.hearingAt ? { at: facts.procedure.hearingAt, place: facts.procedure.hearingPlace } : null,
    plannedContacts: facts.plannedContacts.filter((c) => c.status !== 'cancelled'),
    lastResponse: last ? { at: last.receivedAt, channel: last.channel } : null,
    optOuts: facts.optOuts,
    reachableChannels: facts.reachable ?? { sms: Boolean(first('phone')), email: Boolean(first('email')), letter: Boolean(address) },
    identity: address ? { lastName: address.lastName, firstName: address.firstName } : null,
    postalAddress: address
      ? { street: address.street, extra: address.addressExtra, postalCode: address.postalCode, city: address.city }
      : null,
    phone: first('phone'),
    email: first('email'),
    cafNumber: first('cafNumber'),
  };
}
