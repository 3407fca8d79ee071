import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { ensureJobs, HandlesJobs, JobReconciler } from '@unisson/platform';
import { jobSpec, JOBS, QUEUES } from '@unisson/queues';
import { IntakeRepository } from '../intake.repository';
import { SubmissionProcessingService } from '../submission-processing.service';

/** Processes stored submissions. */
@Processor(QUEUES.intake, { concurrency: 8, autorun: false })
@HandlesJobs('submission.received')
export class IntakeProcessor extends WorkerHost {
  constructor(private readonly processing: SubmissionProcessingService) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    if (job.name !== 'submission.received') throw new Error(`No handler for job ${job.name} on queue ${QUEUES.intake}`);
    const { submissionId } = JOBS['submission.received'].payload.parse(job.data);
    return this.processing.process(submissionId);
  }
}

/**
 * `partner_submission` is the inbox: a submission stored but never processed gets its job back
 * (the API died before enqueuing it, or Redis lost it). A job that keeps failing is retried every ten minutes.
 */
@Injectable()
export class IntakeReconciler extends JobReconciler {
  readonly name = 'intake';

  constructor(
    private readonly submissions: IntakeRepository,
    @InjectQueue(QUEUES.intake) private readonly queue: Queue,
  ) {
    super();
  }

  async reconcile(): Promise<number> {
    const ids = await this.submissions.findStaleUnprocessedIds(2_000, 5_000);
    return ensureJobs(
      this.queue,
      ids.map((submissionId) => jobSpec('submission.received', { submissionId })),
      10 * 60_000,
    );
  }
}
