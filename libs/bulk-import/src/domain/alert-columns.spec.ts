import { alertSchema } from '@unisson/intake';
import { frenchAmount, frenchDate, housingSector, mapHeader, normaliseHeader, rowProblem, rowToAlert } from './alert-columns';

const HEADER = [
  'Référence',
  'Nom',
  'Prénom',
  'Adresse',
  'Code postal',
  'Ville',
  'Téléphone',
  'Parc',
  'Loyer',
  'Montant impayé',
  'Date du premier impayé',
  'Colonne inconnue',
];

describe('a landlord export row becomes an alert', () => {
  const mapping = mapHeader(HEADER);

  it('recognises French headers and their variants, and lists the columns it ignores', () => {
    expect(normaliseHeader('Date du 1er impayé ')).toBe('date_du_1er_impaye');
    expect(mapping.missing).toEqual([]);
    expect(mapping.ignored).toEqual(['Colonne inconnue']);
    expect(mapHeader(['ref', 'nom']).missing.map((c) => c.names[0])).toEqual(
      expect.arrayContaining(['prenom', 'adresse', 'code_postal', 'ville', 'parc', 'loyer', 'montant_impaye', 'date_premier_impaye']),
    );
  });

  it('reads French dates, amounts and sectors, and passes intake’s own alert schema', () => {
    const { alert, idempotencyKey } = rowToAlert(mapping, [
      'HS93-1',
      'Nguyen',
      'Thi',
      '12 bis avenue Jean Jaurès',
      '93200',
      'Saint-Denis',
      '06 12 34 56 78',
      'Social',
      '512,40',
      '1 024,80 €',
      '05/10/2026',
      'x',
    ]);
    expect(idempotencyKey).toBeUndefined();
    const parsed = alertSchema.parse(alert);
    expect(parsed).toMatchObject({
      partnerRef: 'HS93-1',
      lease: { housingSector: 'social', monthlyRent: 512.4 },
      arrears: { amount: 1024.8, firstUnpaidOn: '2026-10-05' },
      contacts: { phone: '06 12 34 56 78' },
    });
  });

  it.each([
    ['1 024,80 €', 1024.8],
    ['1.024,80', 1024.8],
    ['1024.80', 1024.8],
    ['12', 12],
    ['douze', 'douze'],
  ])('amount %p → %p', (text, value) => expect(frenchAmount(text)).toBe(value));

  it.each([
    ['05/10/2026', '2026-10-05'],
    ['5/1/2027', '2027-01-05'],
    ['2026-10-05', '2026-10-05'],
    ['octobre', 'octobre'],
  ])('date %p → %p', (text, value) => expect(frenchDate(text)).toBe(value));

  it('reads « privé » and HLM', () => {
    expect(housingSector('Privé')).toBe('prive');
    expect(housingSector('HLM')).toBe('social');
  });

  it('says in French which column is wrong and what it must hold', () => {
    const { alert } = rowToAlert(mapping, [
      'HS93-2',
      'Nguyen',
      '',
      '1 rue X',
      '9320',
      'Saint-Denis',
      '',
      'social',
      '500',
      '0',
      '31/02/2026',
    ]);
    const result = alertSchema.safeParse(alert);
    expect(result.success).toBe(false);
    const problems = result.success ? [] : result.error.issues.map((i) => rowProblem(mapping, i));
    expect(problems).toEqual(
      expect.arrayContaining([
        { field: 'Prénom', reason: 'obligatoire : le prénom du locataire' },
        { field: 'Code postal', reason: 'attendu : un code postal français à 5 chiffres' },
        { field: 'Montant impayé', reason: 'doit être supérieur à 0 : la dette en euros, plus de 0 (ex. 1 024,80)' },
        { field: 'Date du premier impayé', reason: 'cette date n’existe pas : la date du premier impayé JJ/MM/AAAA' },
      ]),
    );
  });

  it('takes the row’s idempotency key from its column', () => {
    const withKey = mapHeader([...HEADER.slice(0, 11), 'Clé idempotence']);
    expect(rowToAlert(withKey, [...Array(11).fill('x'), 'import-2026-12-0001']).idempotencyKey).toBe('import-2026-12-0001');
  });
});
