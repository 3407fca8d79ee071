import { communeKey, resolveCommune } from './commune-directory';
import { HousingUnit, NormalisedStreet, normaliseStreet, parseHousingUnit, splitStreetAndUnit } from './normalise-address';
import { emailIdentity, normaliseCafNumber, normaliseEmail, normalisePhone } from './normalise-contact';
import { NormalisedName, normaliseFirstName, normaliseLastName } from './normalise-name';
import { frenchPhonetic } from './phonetic';

/** A partner record as received (CSV columns or the API's PartnerRecord). */
export interface PartnerRecordInput {
  readonly recordId: string;
  /** The partner that sent the record (its id); the partner kind when only that is known (CSV). */
  readonly partnerId?: string | null;
  readonly partnerKind?: string;
  readonly lastName?: string | null;
  readonly firstName?: string | null;
  /** 'YYYY-MM-DD' or empty. */
  readonly birthDate?: string | null;
  readonly street?: string | null;
  readonly addressExtra?: string | null;
  readonly postalCode?: string | null;
  readonly city?: string | null;
  readonly phone?: string | null;
  readonly email?: string | null;
  readonly cafNumber?: string | null;
}

export interface BirthDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly digits: string;
}

export interface NormalisedRecord {
  readonly recordId: string;
  /** Which partner holds the record: one partner rarely holds one household twice. */
  readonly source: string;
  readonly lastName: NormalisedName;
  readonly firstName: NormalisedName;
  readonly birthDate: BirthDate | null;
  readonly street: NormalisedStreet;
  readonly streetPhonetic: string;
  readonly unit: HousingUnit;
  readonly postalCode: string;
  /** INSEE code when the commune is French and resolvable, else the folded city key. */
  readonly commune: string;
  readonly phone: string | null;
  readonly email: string | null;
  readonly emailIdentity: string | null;
  readonly cafNumber: string | null;
}

export function parseBirthDate(raw: string | null | undefined): BirthDate | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec((raw ?? '').trim());
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1880 || month < 1 || month > 12 || day < 1 || day > 31) return null;
  return { year, month, day, digits: `${m[1]}${m[2]}${m[3]}` };
}

export function normaliseRecord(input: PartnerRecordInput): NormalisedRecord {
  const { street: streetText, unitText } = splitStreetAndUnit(input.street);
  const street = normaliseStreet(streetText);
  const postalCode = (input.postalCode ?? '').replace(/\s+/g, '');
  const city = input.city ?? '';
  const email = normaliseEmail(input.email);
  return {
    recordId: input.recordId,
    source: (input.partnerId ?? input.partnerKind ?? '').trim(),
    lastName: normaliseLastName(input.lastName),
    firstName: normaliseFirstName(input.firstName),
    birthDate: parseBirthDate(input.birthDate),
    street,
    streetPhonetic: street.name.length > 0 ? frenchPhonetic(street.name.replace(/ /g, '')) : '',
    unit: parseHousingUnit(unitText, input.addressExtra),
    postalCode,
    commune: resolveCommune(postalCode, city) ?? communeKey(city),
    phone: normalisePhone(input.phone),
    email,
    emailIdentity: emailIdentity(email),
    cafNumber: normaliseCafNumber(input.cafNumber),
  };
}
