import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { HandlesJobs } from '@unisson/platform';
import { JOBS, QUEUES } from '@unisson/queues';
import { LetterBatches } from '../letter-batches.service';

/** Makes the print batches, one at a time per worker (a batch of thousands of letters is CPU-bound). */
@Processor(QUEUES.letters, { concurrency: 1, autorun: false })
@HandlesJobs('letters.batch')
export class LetterBatchProcessor extends WorkerHost {
  constructor(private readonly batches: LetterBatches) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    if (job.name !== 'letters.batch') throw new Error(`No handler for job ${job.name} on queue ${QUEUES.letters}`);
    const { senderPartnerId, printDay } = JOBS['letters.batch'].payload.parse(job.data);
    return this.batches.run(senderPartnerId, printDay);
  }
}
