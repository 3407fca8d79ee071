import { emailIdentity, normaliseCafNumber, normaliseEmail, normalisePhone } from './normalise-contact';

describe('normalisePhone', () => {
  it.each(['06 63 28 45 58', '0663284558', '06.63.28.45.58', '+33663284558', '+33 6 63 28 45 58', '33 663284558', '0033663284558'])(
    '%s -> +33663284558',
    (raw) => {
      expect(normalisePhone(raw)).toBe('+33663284558');
    },
  );

  it.each(['', '12', 'inconnu'])('rejects %p', (raw) => {
    expect(normalisePhone(raw)).toBeNull();
  });
});

describe('normaliseEmail', () => {
  it('lower-cases and trims', () => {
    expect(normaliseEmail(' LEA.ROBIN64@YAHOO.FR ')).toBe('lea.robin64@yahoo.fr');
  });
  it('rejects what is not an address', () => {
    expect(normaliseEmail('lea.robin64')).toBeNull();
  });
  it('extracts the name part of the local part', () => {
    expect(emailIdentity('jean.pierre.martin45@gmail.com')).toBe('jeanpierremartin');
  });
});

describe('normaliseCafNumber', () => {
  it('keeps digits and drops padding zeros', () => {
    expect(normaliseCafNumber('0 431 7687')).toBe('4317687');
    expect(normaliseCafNumber('')).toBeNull();
  });
});
