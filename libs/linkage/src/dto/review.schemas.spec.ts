import { reviewDecisionSchema } from './review.schemas';

describe('a review decision', () => {
  it('is about two different records, and says nothing the reviewer did not mean', () => {
    expect(reviewDecisionSchema.safeParse({ kind: 'merge', leftRecordId: 'r-1', rightRecordId: 'r-2' }).success).toBe(true);
    const same = reviewDecisionSchema.safeParse({ kind: 'merge', leftRecordId: 'r-1', rightRecordId: 'r-1' });
    expect(same.error?.issues.map((i) => i.path.join('.'))).toEqual(['rightRecordId']);
    const extra = reviewDecisionSchema.safeParse({ kind: 'split', leftRecordId: 'r-1', rightRecordId: 'r-2', household: 'x' });
    expect(extra.success).toBe(false);
  });
});
