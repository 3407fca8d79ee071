import type { Queue } from 'bullmq';
import { AccessPolicy } from '@unisson/access';
import type { PartnerPrincipal } from '@unisson/partners';
import type { LinkageLink } from '../entities/linkage-link.entity';
import type { LinkageService } from '../linkage.service';
import { LinkageReviewController } from './linkage-review.controller';

/** Review pairs and records per territory, as the linkage service would find them. */
function linkageOf(reviews: Record<string, Array<Partial<LinkageLink>>>, records: Record<string, string[]>) {
  const decided: Array<{ territory: string; left: string }> = [];
  const service = {
    openReviews: async (territory: string, limit: number) => (reviews[territory] ?? []).slice(0, limit),
    recordInTerritory: async (territory: string, recordId: string) => (records[territory] ?? []).includes(recordId),
    linksOfRecord: async (territory: string, recordId: string) =>
      (reviews[territory] ?? []).filter((l) => l.leftRecordId === recordId || l.rightRecordId === recordId),
    decide: async (territory: string, _kind: string, left: string) => {
      decided.push({ territory, left });
    },
  } as unknown as LinkageService;
  return { service, decided };
}

const reviewer: PartnerPrincipal = {
  partnerId: 'p-1',
  partnerKind: 'operateur',
  territory: '93',
  territories: ['93', '976'],
  keyId: 'k-1',
  scopes: ['linkage:review'],
};
const link = (id: string, probability: number, left = `${id}-l`, right = `${id}-r`) => ({
  id,
  probability,
  leftRecordId: left,
  rightRecordId: right,
  status: 'review' as const,
});

describe('human review of links, for a reviewer working on several départements', () => {
  const queued: string[] = [];
  const queue = {
    add: async (name: string, data: { territory: string }) => void queued.push(`${name}:${data.territory}`),
  } as unknown as Queue;
  const { service, decided } = linkageOf(
    { '93': [link('a', 0.7), link('b', 0.4)], '976': [link('c', 0.9)], '38': [link('x', 0.99)] },
    { '93': ['a-l', 'a-r'], '976': ['c-l', 'c-r'], '38': ['x-l', 'x-r'] },
  );
  const controller = new LinkageReviewController(service, new AccessPolicy(), queue);

  it('lists the open pairs of every territory it works on, most probable first, and none of another', async () => {
    const listed = await controller.list(reviewer, { limit: 2 });
    expect(listed.map((l) => l.id)).toEqual(['c', 'a']);
    expect((await controller.list(reviewer, { limit: 10 })).map((l) => l.id)).toEqual(['c', 'a', 'b']);
  });

  it('reads the links of a record of its second territory; a record of another territory is unknown', async () => {
    expect((await controller.links(reviewer, 'c-l')).map((l) => l.id)).toEqual(['c']);
    await expect(controller.links(reviewer, 'x-l')).rejects.toMatchObject({ statusCode: 404 });
  });

  it("decides in the records' own territory, and regroups that territory's households", async () => {
    await controller.decide(reviewer, { kind: 'merge', leftRecordId: 'c-l', rightRecordId: 'c-r', reason: 'même foyer' });
    expect(decided).toEqual([{ territory: '976', left: 'c-l' }]);
    expect(queued).toEqual(['households.regroup:976']);
  });
});
