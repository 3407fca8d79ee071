import { procedureLandlordId, statesLeaseFacts } from './procedure-landlord';

const caf = { id: 'caf', kind: 'caf' as const };
const commissaire = { id: 'cj', kind: 'commissaire_de_justice' as const };
const prive = { id: 'lefevre', kind: 'bailleur_prive' as const };
const social = { id: 'hlm', kind: 'bailleur_social' as const };

describe('the landlord a procedure names', () => {
  it.each([
    ['a new procedure: whoever opens it', null, caf, 'caf'],
    ['a new procedure opened by its landlord', null, prive, 'lefevre'],
    ['opened by the commissaire, then the private landlord reports: the landlord is adopted', commissaire, prive, 'lefevre'],
    ['opened by the CAF, then the social landlord reports: the landlord is adopted', caf, social, 'hlm'],
    ['a landlord named is never replaced by another landlord', prive, social, 'lefevre'],
    ['nor by a commissaire reporting later', prive, commissaire, 'lefevre'],
    ['a non-landlord opener stays until a landlord reports', caf, commissaire, 'caf'],
    ['an opener Unisson no longer knows is kept unless a landlord reports', { id: 'gone', kind: null }, commissaire, 'gone'],
  ])('%s', (_what, current, reporter, expected) => {
    expect(procedureLandlordId(current, reporter)).toBe(expected);
  });
});

describe('whose lease figures the procedure takes', () => {
  it.each([
    ['its own landlord', 'lefevre', prive, true],
    ['the CAF, reporting the arrears', 'lefevre', caf, true],
    ['the commissaire, whose act states the debt', 'hlm', commissaire, true],
    ['not another landlord naming the same household', 'lefevre', social, false],
    ['not another private landlord either', 'hlm', { id: 'dupont', kind: 'bailleur_prive' as const }, false],
  ])('%s', (_what, landlord, reporter, expected) => {
    expect(statesLeaseFacts(landlord, reporter)).toBe(expected);
  });
});
