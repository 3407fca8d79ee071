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
  it('hides 1 to 9, shows 0, and rounds 10 up to a multiple of 5, the same way each time', () => {
    expect(shownCount(0, 'x')).toEqual({ count: 0, label: '0' });
    expect(shownCount(9, 'x')).toEqual({ count: null, label: 'moins de 10' });
    expect(shownCount(10, 'x')).toEqual({ count: 10, label: '10' });
    const once = shownCount(456, 'preview|93|total', 's');
    expect([455, 460]).toContain(once.count);
    expect(shownCount(456, 'preview|93|total', 's')).toEqual(once);
  });

  it('hides more groups until the hidden ones hold 10 households, so the total gives none of them away', () => {
    const shown = suppressedBreakdown(
      [
        { key: 'a', count: 120 },
        { key: 'b', count: 4 },
        { key: 'c', count: 35 },
      ],
      'scope',
    );
    expect(shown.map((g) => g.count === null)).toEqual([false, true, true]);
  });

  it('leaves the tester’s two hidden groups of 4 households undetermined: published total minus shown groups is not 4', () => {
    // {"stage":"premier_impaye","territory":"93","debtMin":400}: 456 households, two groups of 3 and 1.
    const groups = [
      { key: 'parc privé — dette 400-999', count: 240 },
      { key: 'parc social — dette 400-999', count: 212 },
      { key: 'parc privé — dette 1000+', count: 3 },
      { key: 'parc social — dette 1000+', count: 1 },
    ];
    for (const secret of ['s1', 's2', 's3', 's4', 's5', 's6']) {
      const total = shownCount(456, 'scope|total', secret).count!;
      const shown = suppressedBreakdown(groups, 'scope', secret);
      const visible = shown.reduce((s, g) => s + (g.count ?? 0), 0);
      expect(shown.filter((g) => g.count === null).length).toBeGreaterThanOrEqual(3); // 3 + 1 < 10: one more hidden
      expect(total % 5).toBe(0);
      expect(visible % 5).toBe(0);
      expect(total - visible).not.toBe(4);
    }
  });

  it('gives each household of a campaign one intent key', () => {
    expect(campaignIntentKey('c1', 'h1')).toBe('campaign:c1:h1');
  });
});
