import { birthDateAgreement, compareRecords, COMPARISONS, MISSING, nameAgreement, streetAgreement } from './comparison';
import { normaliseFirstName, normaliseLastName } from './normalise-name';
import { normaliseRecord, parseBirthDate, PartnerRecordInput } from './record';

const record = (over: Partial<PartnerRecordInput>): PartnerRecordInput => ({
  recordId: 'r',
  lastName: 'Lefebvre',
  firstName: 'Manon',
  street: '220 square du 8 Mai 1945',
  postalCode: '38000',
  city: 'Grenoble',
  ...over,
});
const level = (field: string, a: Partial<PartnerRecordInput>, b: Partial<PartnerRecordInput>) => {
  const i = COMPARISONS.findIndex((c) => c.field === field);
  return COMPARISONS[i].levels[compareRecords(normaliseRecord(record(a)), normaliseRecord(record(b)))[i]] ?? 'missing';
};

describe('nameAgreement', () => {
  it.each([
    ['LEFEBVRE', 'Lefebvre', 2],
    ['LFEEBVRE', 'LEFEBVRE', 1],
    ['Fure', 'Faure', 1],
    ['Martin', 'Bernard', 0],
  ])('%s / %s -> %i', (a, b, expected) => {
    expect(nameAgreement(normaliseLastName(a), normaliseLastName(b))).toBe(expected);
  });
  it('is missing when one side is empty', () => {
    expect(nameAgreement(normaliseFirstName(''), normaliseFirstName('Manon'))).toBe(MISSING);
  });
});

describe('name comparison', () => {
  it('recognises first and last name swapped by a partner', () => {
    expect(level('name', { lastName: 'Manon', firstName: 'Lefebvre' }, {})).toBe('last exact, first exact');
  });
  it('sees the other adult of a couple (same family name, other first name)', () => {
    expect(level('name', { firstName: 'Ahmed' }, {})).toBe('last exact, first different');
  });
});

describe('birthDateAgreement', () => {
  const d = (s: string) => parseBirthDate(s);
  it.each([
    ['1975-08-10', '1975-08-10', 3],
    ['1975-08-10', '1975-10-08', 2],
    ['1975-08-10', '1975-08-19', 2],
    ['1975-08-10', '1975-08-25', 1],
    ['1975-08-10', '1982-03-01', 0],
  ])('%s / %s -> %i', (a, b, expected) => {
    expect(birthDateAgreement(d(a), d(b))).toBe(expected);
  });
  it('is missing without a date', () => {
    expect(birthDateAgreement(null, d('1975-08-10'))).toBe(MISSING);
  });
});

describe('address comparison', () => {
  it('same address written two ways', () => {
    const a = normaliseRecord(record({ street: '220, SQUARE DU 8 MAI 1945' }));
    const b = normaliseRecord(record({ street: '220 SQ DU 8 MAI 1945' }));
    expect(streetAgreement(a, b)).toBe(4);
  });
  it('another number of the same street', () => {
    expect(level('address', { street: '18 rue Jean Moulin' }, { street: '183 rue Jean Moulin' })).toBe(
      'same street, same commune and postal code',
    );
  });
  it('another street type of the same name is not the same building', () => {
    expect(level('address', { street: '228b chemin Danielle Casanova' }, { street: '228 avenue Danielle Casanova' })).toBe(
      'same street, same commune and postal code',
    );
  });
  it('a CEDEX postal code still names the same commune', () => {
    expect(level('address', { postalCode: '38007', city: 'GRENOBLE' }, {})).toBe('same address, same commune or postal code');
  });
});

describe('flat comparison', () => {
  it('tells a neighbour (other flat) from the same flat, inside one building only', () => {
    expect(level('unit', { addressExtra: 'Bât C Appt 66' }, { addressExtra: 'PORTE 66' })).toBe('same flat');
    expect(level('unit', { addressExtra: 'Bât C Appt 66' }, { addressExtra: 'Logt 12' })).toBe('other flat');
    expect(level('unit', { addressExtra: 'Appt 66', street: '3 rue Pasteur' }, { addressExtra: 'Appt 66' })).toBe('missing');
  });
});
