import { canonicalHash } from './canonical-hash';

describe('canonicalHash', () => {
  it('ignores key order but not values', () => {
    expect(canonicalHash({ a: 1, b: { c: 2, d: [1, 2] } })).toBe(canonicalHash({ b: { d: [1, 2], c: 2 }, a: 1 }));
    expect(canonicalHash({ a: 1 })).not.toBe(canonicalHash({ a: 2 }));
    expect(canonicalHash({ b: [1, 2] })).not.toBe(canonicalHash({ b: [2, 1] }));
  });
});
