import type { Queue } from 'bullmq';
import type { PartnerPrincipal } from '@unisson/partners';
import { UnissonError } from '@unisson/platform';
import { IntakeRepository, NewSubmission, StoredSubmission } from './intake.repository';
import { IntakeService } from './intake.service';

describe('an Idempotency-Key sent again with another request', () => {
  const partner = { partnerId: 'p-1' } as PartnerPrincipal;
  /** A repository that already holds a submission under every key, with another body's hash. */
  const repository = {
    insertSubmissions: async (rows: NewSubmission[]): Promise<StoredSubmission[]> =>
      rows.map((row) => ({
        id: 's-1',
        partnerId: row.partnerId,
        kind: row.kind,
        requestHash: 'the first request',
        receivedAt: new Date('2026-10-05T08:00:00Z'),
        processedAt: null,
        created: false,
      })),
  } as unknown as IntakeRepository;

  it('is refused with a 422 in French that says what to send instead', async () => {
    const intake = new IntakeService(repository, { addBulk: async () => [] } as unknown as Queue);
    const refused = await intake.accept(partner, 'alert', { partnerRef: 'HS93-2' }, 'key-1').catch((error: unknown) => error);
    await intake.onModuleDestroy();
    expect(refused).toBeInstanceOf(UnissonError);
    expect(refused).toMatchObject({
      code: 'IDEMPOTENCY_KEY_REUSED',
      statusCode: 422,
      message: expect.stringMatching(/^Cet en-tête Idempotency-Key a déjà servi pour une autre requête : envoyez une nouvelle clé/),
    });
  });
});
