import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { jobSpec, JOBS, QUEUES } from '@unisson/queues';
import { IntakeRepository } from '../intake.repository';
import { SubmissionProcessingService } from '../submission-processing.service';

const SWEEP_EVERY_MS = 30_000;

/** Processes stored submissions; every 30 s re-enqueues any the API stored but could not enqueue. */
@Processor(QUEUES.intake, { concurrency: 8 })
export class IntakeProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger('IntakeProcessor');
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly processing: SubmissionProcessingService,
    private readonly submissions: IntakeRepository,
    @InjectQueue(QUEUES.intake) private readonly queue: Queue,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(
      () => void this.sweep().catch((e: unknown) => this.logger.warn({ err: String(e) }, 'intake sweep failed')),
      SWEEP_EVERY_MS,
    );
    this.timer.unref();
  }

  async process(job: Job): Promise<unknown> {
    if (job.name !== 'submission.received') throw new Error(`No handler for job ${job.name} on queue ${QUEUES.intake}`);
    const { submissionId } = JOBS['submission.received'].payload.parse(job.data);
    return this.processing.process(submissionId);
  }

  private async sweep(): Promise<void> {
    const ids = await this.submissions.findStaleUnprocessedIds(SWEEP_EVERY_MS, 1000);
    if (ids.length) await this.queue.addBulk(ids.map((submissionId) => jobSpec('submission.received', { submissionId })));
  }
}
