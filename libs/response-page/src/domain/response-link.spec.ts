import { isExpired, linkExpiry, linkRequestProblems, linkReuseKey } from './response-link';

const now = new Date('2026-12-02T10:00:00Z');
const household = '8a3c2f6e-1b2d-4c5e-9f00-112233445566';
const message = '0f1e2d3c-4b5a-4968-8776-655443322110';

describe('response link requests', () => {
  it('accepts a letter link and a household-less shared notice', () => {
    expect(linkRequestProblems({ householdId: household, messageId: message, purpose: 'rappelImpaye', locale: 'fr' }, now)).toEqual([]);
    expect(linkRequestProblems({ purpose: 'notice', locale: 'fr-falc', stage: 'assignation', territory: '93' }, now)).toEqual([]);
  });

  it('names the field of each problem', () => {
    const fields = (r: Parameters<typeof linkRequestProblems>[0]) => linkRequestProblems(r, now).map((p) => p.field);
    expect(fields({ purpose: 'rappelImpaye', locale: 'fr' })).toEqual(['householdId']);
    expect(fields({ householdId: 'x', purpose: 'rappelImpaye', locale: 'fr' })).toEqual(['householdId']);
    expect(fields({ householdId: household, messageId: '12', purpose: 'rappelImpaye', locale: 'fr' })).toEqual(['messageId']);
    expect(fields({ householdId: household, purpose: '', locale: 'fr' })).toEqual(['purpose']);
    expect(fields({ householdId: household, purpose: 'x', locale: 'FR!' })).toEqual(['locale']);
    expect(fields({ purpose: 'notice', locale: 'fr', stage: 'assignation' })).toEqual(['territory']);
    expect(fields({ purpose: 'notice', locale: 'fr', territory: '93' })).toEqual(['stage']);
    expect(fields({ householdId: household, purpose: 'x', locale: 'fr', expiresAt: new Date('2026-01-01') })).toEqual(['expiresAt']);
  });

  it('lives the configured number of days unless told otherwise', () => {
    expect(linkExpiry({}, now, 120).toISOString()).toBe('2027-04-01T10:00:00.000Z');
    const chosen = new Date('2027-01-01T00:00:00Z');
    expect(linkExpiry({ expiresAt: chosen }, now, 120)).toBe(chosen);
    expect(isExpired({ expiresAt: now }, now)).toBe(true);
    expect(isExpired({ expiresAt: new Date(now.getTime() + 1) }, now)).toBe(false);
  });

  it('gives back the link of the same message, planned contact or notice', () => {
    expect(linkReuseKey({ householdId: household, messageId: message, plannedContactKey: 'k', purpose: 'p', locale: 'fr' })).toEqual({
      by: 'message',
      messageId: message,
    });
    expect(linkReuseKey({ householdId: household, plannedContactKey: 'k', purpose: 'p', locale: 'fr' })).toEqual({
      by: 'plannedContact',
      plannedContactKey: 'k',
    });
    expect(linkReuseKey({ householdId: household, purpose: 'notice', locale: 'ar', stage: 'cql', territory: '91' })).toEqual({
      by: 'notice',
      householdId: household,
      stage: 'cql',
      territory: '91',
      locale: null,
    });
    expect(linkReuseKey({ householdId: household, purpose: 'p', locale: 'fr' })).toBeNull();
  });
});
