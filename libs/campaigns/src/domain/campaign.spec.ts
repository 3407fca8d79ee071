import { availableCommands, campaignIntentKey, shownCount, suppressedBreakdown, transition } from './campaign';

describe('campaign life cycle', () => {
  it.each([
    ['draft', 'submit', 'pending_approval'],
    ['pending_approval', 'approve', 'approved'],
    ['pending_approval', 'reject', 'draft'],
    ['approved', 'launch', 'scheduled'],
    ['scheduled', 'start', 'running'],
    ['running', 'pause', 'paused'],
    ['paused', 'launch', 'scheduled'],
    ['running', 'complete', 'completed'],
    ['running', 'cancel', 'cancelled'],
  ] as const)('%s + %s → %s', (from, command, to) => {
    expect(transition(from, command)).toEqual({ ok: true, to });
  });

  it.each([
    ['draft', 'launch'],
    ['draft', 'approve'],
    ['approved', 'approve'],
    ['completed', 'cancel'],
    ['cancelled', 'launch'],
    ['running', 'submit'],
  ] as const)('refuses %s + %s with a French reason', (from, command) => {
    const result = transition(from, command);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(/^Impossible (de |d’).* une campagne/);
  });

  it('elides « de » before a vowel, as French writes it', () => {
    const approve = transition('draft', 'approve');
    expect(!approve.ok && approve.message).toMatch(/^Impossible d’approuver une campagne « /);
    const launch = transition('cancelled', 'launch');
    expect(!launch.ok && launch.message).toMatch(/^Impossible de lancer une campagne « /);
  });

  it('offers only the commands of the state', () => {
    expect(availableCommands('pending_approval')).toEqual(['approve', 'reject', 'cancel']);
    expect(availableCommands('completed')).toEqual([]);
  });
});

describe('small counts', () => {
  it('hides 1 to 9, shows 0 and 10 up', () => {
    expect(shownCount(0)).toEqual({ count: 0, label: '0' });
    expect(shownCount(9)).toEqual({ count: null, label: 'moins de 10' });
    expect(shownCount(10)).toEqual({ count: 10, label: '10' });
  });

  it('hides a second group when one alone would be worked out from the total', () => {
    const shown = suppressedBreakdown([
      { key: 'a', count: 120 },
      { key: 'b', count: 4 },
      { key: 'c', count: 35 },
    ]);
    expect(shown.map((g) => g.count)).toEqual([120, null, null]);
  });

  it('gives each household of a campaign one intent key', () => {
    expect(campaignIntentKey('c1', 'h1')).toBe('campaign:c1:h1');
  });
});
