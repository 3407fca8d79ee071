import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { Queue } from 'bullmq';
import { PartnerPrincipal } from '@unisson/partners';
import { BatchWriter, describeError, UnissonError } from '@unisson/platform';
import { jobSpec, QUEUES } from '@unisson/queues';
import { canonicalHash } from './domain/canonical-hash';
import { IntakeRepository, NewSubmission, StoredSubmission } from './intake.repository';

/**
 * BullMQ priority of the jobs of a bulk upload's rows: jobs without one (the API's alerts and
 * events) are taken first, so a landlord's 50,000-row file never delays another partner's alert.
 */
export const BULK_ROW_JOB_PRIORITY = 10;

export interface AcceptedSubmission {
  submissionId: string;
  kind: NewSubmission['kind'];
  status: 'received' | 'processed';
  receivedAt: string;
  /** True when this answer replays the first call made with the same idempotency key. */
  replayed: boolean;
}

/**
 * Accepts partners' alerts and stage events: stores them durably (grouped into one commit per
 * few milliseconds under load) and hands them to the worker. Nothing else happens in the request.
 */
@Injectable()
export class IntakeService implements OnModuleDestroy {
  private readonly writer: BatchWriter<NewSubmission, StoredSubmission>;
  private readonly logger = new Logger('IntakeService');
  /** Enqueues run one after the other, in commit order. */
  private enqueuing: Promise<void> = Promise.resolve();

  constructor(
    private readonly submissions: IntakeRepository,
    @InjectQueue(QUEUES.intake) private readonly intakeQueue: Queue,
  ) {
    this.writer = new BatchWriter((rows) => this.storeAndEnqueue(rows), { maxBatch: 200, maxDelayMs: 2 });
  }

  async accept(
    principal: PartnerPrincipal,
    kind: NewSubmission['kind'],
    payload: Record<string, unknown>,
    idempotencyKey: string | undefined,
    source: { bulkImportId?: string } = {},
  ): Promise<AcceptedSubmission> {
    const requestHash = canonicalHash({ kind, payload });
    const stored = await this.writer.write({
      partnerId: principal.partnerId,
      kind,
      idempotencyKey: idempotencyKey ?? `auto:${requestHash}`,
      requestHash,
      payload,
      ...(source.bulkImportId ? { bulkImportId: source.bulkImportId } : {}),
    });
    if (!stored.created && (stored.requestHash !== requestHash || stored.kind !== kind)) {
      throw new UnissonError(
        'IDEMPOTENCY_KEY_REUSED',
        'Cet en-tête Idempotency-Key a déjà servi pour une autre requête : envoyez une nouvelle clé pour un nouveau signalement ou événement, ou la requête d’origine à l’identique pour la rejouer.',
        422,
      );
    }
    return {
      submissionId: stored.id,
      kind: stored.kind,
      status: stored.processedAt ? 'processed' : 'received',
      receivedAt: stored.receivedAt.toISOString(),
      replayed: !stored.created,
    };
  }

  async onModuleDestroy(): Promise<void> {
    await this.writer.drain();
    await this.enqueuing;
  }

  private async storeAndEnqueue(rows: NewSubmission[]): Promise<StoredSubmission[]> {
    const stored = await this.submissions.insertSubmissions(rows);
    const fresh = stored.flatMap((s, i) => (s.created ? [{ id: s.id, bulk: rows[i].bulkImportId !== undefined }] : []));
    if (fresh.length) {
      // The partner's answer waits for the commit only: once stored, a submission cannot be lost.
      // The job is enqueued meanwhile; if Redis fails here, the intake sweeper enqueues it later.
      this.enqueuing = this.enqueuing
        .then(() =>
          this.intakeQueue.addBulk(
            fresh.map((s) => {
              const job = jobSpec('submission.received', { submissionId: s.id });
              return s.bulk ? { ...job, opts: { ...job.opts, priority: BULK_ROW_JOB_PRIORITY } } : job;
            }),
          ),
        )
        .then(
          () => undefined,
          (error: unknown) =>
            this.logger.warn({ err: describeError(error), count: fresh.length }, 'enqueue failed; the reconciler will enqueue them'),
        );
    }
    return stored;
  }
}
