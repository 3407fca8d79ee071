import { TemplateLibrary } from '../library/template-library';
import type { TemplateVersionRepository } from '../template-version.repository';
import { TemplateReviewService } from './template-review.service';

describe('TemplateReviewService.list', () => {
  it('builds the list without holding the event loop: a request arriving meanwhile is served first', async () => {
    const service = new TemplateReviewService(TemplateLibrary.load(), {} as TemplateVersionRepository);
    const order: string[] = [];
    const listed = service.list({ findings: 'errors', page: 1, perPage: 10 }).then(() => order.push('list'));
    setTimeout(() => order.push('other request'), 0);
    await listed;
    expect(order).toEqual(['other request', 'list']);
    // Built once: the second call answers from the same rows.
    const again = await service.list({ findings: 'all', page: 1, perPage: 1 });
    expect(again.counts.rows).toBeGreaterThan(10_000);
  }, 60_000); // some 13,000 renders: seconds of CPU, more on a loaded machine
});
