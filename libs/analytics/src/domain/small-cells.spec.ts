import { hiddenInChain, hiddenInPartition } from './small-cells';

describe('small cells', () => {
  it('hides a cell under 10 households, and another one so that it cannot be recovered from the total', () => {
    const hidden = hiddenInPartition([
      { key: 'social', households: 120 },
      { key: 'prive', households: 45 },
      { key: 'inconnu', households: 4 },
    ]);
    expect([...hidden].sort()).toEqual(['inconnu', 'prive']);
  });

  it('hides enough cells that the hidden ones add up to 10 or more', () => {
    const hidden = hiddenInPartition([
      { key: 'a', households: 3 },
      { key: 'b', households: 2 },
      { key: 'c', households: 11 },
      { key: 'd', households: 300 },
    ]);
    expect([...hidden].sort()).toEqual(['a', 'b', 'c']);
  });

  it('shows every cell when none is small (zero is not a small group)', () => {
    expect(
      hiddenInPartition([
        { key: 'a', households: 10 },
        { key: 'b', households: 0 },
      ]).size,
    ).toBe(0);
  });

  it('hides a funnel step that differs from the shown step before it by fewer than 10 households', () => {
    const hidden = hiddenInChain([
      { key: 'commandement', households: 200 },
      { key: 'assignation', households: 195 },
      { key: 'audience', households: 150 },
      { key: 'presence', households: 6 },
    ]);
    expect([...hidden]).toEqual(['assignation', 'presence']);
  });
});
