import { z } from 'zod';
import { queryInteger } from '@unisson/platform';

export const reviewDecisionSchema = z
  .strictObject({
    kind: z.enum(['confirm', 'split', 'merge']),
    leftRecordId: z.string().min(1).max(200),
    rightRecordId: z.string().min(1).max(200),
    reason: z.string().max(2000).optional(),
  })
  // A decision is about two records: one and the same is not a pair to review.
  .refine((d) => d.leftRecordId !== d.rightRecordId, {
    path: ['rightRecordId'],
    message: 'doit désigner un autre enregistrement que leftRecordId',
  });
export type ReviewDecisionInput = z.infer<typeof reviewDecisionSchema>;

export const reviewListQuerySchema = z.object({
  limit: queryInteger({ min: 1, max: 500, default: 100 }),
});
