/**
 * What the engine needs to know of a household, asked of the capability that owns it (households,
 * partners) through these ports: coordination never reads their tables. The apps wire the owners'
 * public readers in (`CoordinationModule.forRoot({ householdCases, partnerDirectory })`).
 */
import type { PartnerInPlan } from './domain/types';

export interface HouseholdCaseProcedure {
  id: string;
  /** The partner that opened the procedure (its landlord when that partner is one: a `bailleur_prive` for a private landlord). */
  landlordPartnerId?: string;
  stage: string;
  housingSector: string;
  leaseSignedOn: string | null;
  hearingAt: Date | null;
  updatedAt: Date;
  closedAt: Date | null;
  debtCents: number;
  monthlyRentCents: number | null;
  firstUnpaidOn: string | null;
}

/** What partners stated about the household itself (null: nobody said). */
export interface HouseholdStatedFacts {
  readsWithDifficulty: boolean | null;
  dependentChildren: number | null;
  /** The channel the household chose on its response page (null: it did not choose). */
  preferredChannel?: string | null;
}

export interface HouseholdCase {
  territory: string;
  /** Absent from readers that do not know them: treated as nobody said. */
  statedFacts?: HouseholdStatedFacts;
  /** The latest procedure (open first), or null. */
  procedure: HouseholdCaseProcedure | null;
  /** Partners' records of the household, the freshest first (contact details in clear). */
  records: Array<{
    partnerId: string;
    street: string;
    addressExtra: string | null;
    postalCode: string;
    phone: string | null;
    email: string | null;
    cafNumber: string | null;
  }>;
  optOuts: Array<{ channel: string; at: Date }>;
  /** Stage events of that procedure, in the order they happened. */
  stageEvents: Array<{ type: string; occurredOn: string; reportedByPartnerId: string; learnedAt: Date | null }>;
}

export abstract class HouseholdCaseSource {
  abstract caseOf(householdId: string): Promise<HouseholdCase | null>;
  /** The territory and the partners holding a record of the household (its procedures' landlords included). */
  abstract recordHolders(householdId: string): Promise<{ territory: string | null; partnerIds: string[] }>;
  /** The freshest record's postal address. */
  abstract currentAddress(householdId: string): Promise<{ street: string; addressExtra: string | null; postalCode: string } | null>;
}

/** Where a letter to a procedure's private landlord goes: the window envelope's lines (NF Z 10-011, checked when it was set). */
export interface PrivateLandlordAddress {
  partnerId: string;
  /** The partner's name in the directory. */
  partnerName: string;
  /** Name, complements, street, "CP VILLE". */
  lines: string[];
}

export abstract class PartnerDirectorySource {
  /** The territory's partners and these partners, as plans and traces name them. */
  abstract partnersFor(territory: string, alsoIds: readonly string[]): Promise<PartnerInPlan[]>;
  /** The postal address of a private landlord partner; null when the partner is none or Unisson has no address for it. */
  abstract privateLandlordAddress(partnerId: string): Promise<PrivateLandlordAddress | null>;
}
