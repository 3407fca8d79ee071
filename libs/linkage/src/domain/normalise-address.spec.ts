import { resolveCommune } from './commune-directory';
import { normaliseStreet, parseHousingUnit, splitStreetAndUnit } from './normalise-address';

describe('normaliseStreet', () => {
  it.each([
    ['12 bis av. Jean Jaurès', '12B avenue Jean-Jaures'],
    ['238t boulevard Gabriel Péri', '238TER BLD GABRIEL PERI'],
    ['238 T BOULEVARD GABRIEL PERI', '238 ter, boul Gabriel Péri'],
    ['161T RUE GAL DE GAULLE', '161t rue du Général de Gaulle'],
    ['68 CITE GARE', '68 cité de la Gare'],
    ['43 rue St-Just', '43 R. SAINT-JUST'],
    ['20 t, place Paul Vaillant-Couturier', '20TER PL PAUL VAILLANT-COUTURIER'],
    ['"92, QU DU GENERAL DE GAULLE"', '92 quai du Général de Gaulle'],
  ])('%s and %s are one street address', (a, b) => {
    expect(normaliseStreet(a)).toEqual(normaliseStreet(b));
  });

  it('reads number, suffix, type and name', () => {
    expect(normaliseStreet('107 bis imp. Émile Zola')).toEqual({ number: '107B', type: 'IMP', name: 'EMILE ZOLA' });
  });

  it('keeps the street type apart from the name ("rue" and "chemin" of one name are two streets)', () => {
    expect(normaliseStreet('119 rue du 8 Mai 1945').type).toBe('RUE');
    expect(normaliseStreet('119 chemin du 8 Mai 1945').type).toBe('CH');
  });

  it('reads trailing English street types (FEBRL sets)', () => {
    expect(normaliseStreet('44 forbes street')).toEqual({ number: '44', type: 'STREET', name: 'FORBES' });
    expect(normaliseStreet('5 milne cove').name).toBe('MILNE COVE');
  });
});

describe('parseHousingUnit', () => {
  it.each([
    ['Bât C Esc 1 Apt 55', { building: 'C', staircase: '1', flat: '55' }],
    ['BATIMENT B PORTE 82', { building: 'B', staircase: '', flat: '82' }],
    ['esc. A Appartement 86', { building: '', staircase: 'A', flat: '86' }],
    ['LOGT 084', { building: '', staircase: '', flat: '84' }],
    ['BAT. C APPT 66', { building: 'C', staircase: '', flat: '66' }],
  ])('%s', (raw, expected) => {
    expect(parseHousingUnit(raw)).toEqual({ ...expected, residual: '' });
  });

  it('keeps free text as residual (FEBRL locality names)', () => {
    expect(parseHousingUnit('wintersloe').residual).toBe('WINTERSLOE');
  });
});

describe('splitStreetAndUnit', () => {
  it('separates a unit written in the street field', () => {
    const { street, unitText } = splitStreetAndUnit('12 bis av. Jean Jaurès, Bât B');
    expect(normaliseStreet(street)).toEqual(normaliseStreet('12B avenue Jean-Jaures'));
    expect(parseHousingUnit(unitText).building).toBe('B');
  });
});

describe('resolveCommune (official commune and postal code data)', () => {
  it.each([
    ['93200', 'St-Denis', '93066'],
    ['93200', 'SAINT DENIS', '93066'],
    ['93800', 'Épinay s/ Seine', '93031'],
    ['93800', 'EPINAY SUR SEINE', '93031'],
    ['38400', "St-Martin-d'Hères", '38421'],
    ['91000', 'Evry Courcouronnes', '91228'],
    ['38007', 'GRENOBLE', '38185'],
  ])('%s %s -> %s', (cp, city, insee) => {
    expect(resolveCommune(cp, city)).toBe(insee);
  });

  it('returns null outside France', () => {
    expect(resolveCommune('4510', 'kellerberrin')).toBeNull();
  });
});
