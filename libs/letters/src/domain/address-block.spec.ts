import { addressBlock, parseRecipient, postalLine } from './address-block';

describe('address block (NF Z 10-011)', () => {
  const base = {
    name: 'Awa Diallo',
    addressExtra: 'Bât. B, escalier 2',
    street: '12, rue de la République',
    postalCode: '93200',
    city: 'Saint-Denis',
  };

  it('puts the complement before the street and ends with "CP VILLE", capitals without punctuation from line 4', () => {
    expect(addressBlock(base)).toEqual({
      ok: true,
      lines: ['Awa Diallo', 'Bât. B, escalier 2', '12 RUE DE LA REPUBLIQUE', '93200 SAINT-DENIS'],
    });
  });

  it('refuses a line longer than 38 characters and names the household field to shorten', () => {
    const result = addressBlock({ ...base, street: '145 avenue du Général Maréchal de Lattre de Tassigny' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems).toEqual([expect.objectContaining({ field: 'street', message: expect.stringContaining('38') })]);
  });

  it('refuses a postcode that is not five digits and an empty town, each naming its field', () => {
    const result = addressBlock({ ...base, postalCode: '9320', city: ' ' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map((p) => p.field).sort()).toEqual(['city', 'postalCode']);
  });

  it('refuses a postcode of five digits no commune has (00000, 96000), naming postalCode', () => {
    for (const postalCode of ['00000', '00100', '96000']) {
      const result = addressBlock({ name: 'M. Lefèvre', street: '8 avenue de la République', postalCode, city: 'Évry' });
      expect(result.ok ? [] : result.problems.map((p) => p.field)).toEqual(['postalCode']);
    }
    for (const postalCode of ['01000', '20000', '91300', '97400', '98800']) {
      expect(addressBlock({ name: 'M. Lefèvre', street: '8 avenue de la République', postalCode, city: 'Évry' }).ok).toBe(true);
    }
  });

  it('refuses more than six lines', () => {
    const result = addressBlock({ ...base, addressExtra: 'Appartement 12\nEscalier 2\nBâtiment B\nRésidence Les Tilleuls' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.some((p) => p.message.includes('6 au plus'))).toBe(true);
  });

  it('refuses signs a sorting machine cannot read', () => {
    const result = addressBlock({ ...base, street: '12 rue de la Paix #3' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0].field).toBe('street');
  });

  it('reads back a recipient written one line per line', () => {
    expect(parseRecipient('Awa Diallo\nBât B\n12 rue de la Paix\n93200 Saint-Denis')).toEqual({
      name: 'Awa Diallo',
      addressExtra: 'Bât B',
      street: '12 rue de la Paix',
      postalCode: '93200',
      city: 'Saint-Denis',
    });
    expect(parseRecipient('Awa Diallo\nAppt 3\nBât B\n12 rue de la Paix\n93200 Saint-Denis').addressExtra).toBe('Appt 3\nBât B');
    expect(parseRecipient('Awa Diallo\n12 rue de la Paix\n93200 Saint-Denis').addressExtra).toBeNull();
  });

  it('writes the last lines as La Poste reads them best', () => {
    expect(postalLine('  Évry-Courcouronnes, ')).toBe('EVRY-COURCOURONNES');
  });
});
