import { jobSpec } from './job-names';

describe('job registry', () => {
  it('derives the job id from the payload, so enqueuing twice is a no-op', () => {
    const id = '6f1c3e1a-8b6e-4d7c-9a61-3d2f1e0b9c44';
    expect(jobSpec('message.dispatch', { messageId: id }).opts.jobId).toBe(`message-${id}`);
  });

  it('refuses a malformed payload before it reaches Redis', () => {
    expect(() => jobSpec('message.dispatch', { messageId: 'not-a-uuid' })).toThrow();
  });
});
