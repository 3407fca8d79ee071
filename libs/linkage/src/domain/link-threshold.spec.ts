import { chooseLinkThreshold } from './link-threshold';

const logit = (p: number) => Math.log(p / (1 - p));
const policy = { targetFalseLinkRate: 0.01, floorProbability: 0.9, ceilingProbability: 0.999 };

describe('chooseLinkThreshold', () => {
  it('goes down to the floor when many near-certain links absorb the doubtful ones', () => {
    const edges = [...new Array(1000).fill(logit(0.99999)), logit(0.95), logit(0.92), logit(0.91)];
    expect(1 / (1 + Math.exp(-chooseLinkThreshold(edges, policy)))).toBeCloseTo(0.91, 5);
  });

  it('stops where the expected share of false links would exceed the target', () => {
    const edges = [logit(0.999), logit(0.995), logit(0.95), logit(0.93)];
    // 0.999 and 0.995 alone: expected false share 0.003 <= 0.01; adding 0.95 makes it 0.0187.
    expect(1 / (1 + Math.exp(-chooseLinkThreshold(edges, policy)))).toBeCloseTo(0.995, 5);
  });

  it('always accepts links at or above the ceiling', () => {
    expect(chooseLinkThreshold([], policy)).toBeCloseTo(logit(0.999), 10);
  });
});
