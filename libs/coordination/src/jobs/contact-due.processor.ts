import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { PlanExecutor } from '../plan-executor';
import { CONTACT_DUE_JOB, COORDINATION_QUEUE, contactDuePayload } from './contact-due.job';

/** Worker side of `contact.due`: validates the payload and calls one executor method. */
@Processor(COORDINATION_QUEUE)
export class ContactDueProcessor extends WorkerHost {
  constructor(private readonly executor: PlanExecutor) {
    super();
  }

  async process(job: Job): Promise<string> {
    if (job.name !== CONTACT_DUE_JOB) throw new Error(`Unknown job ${job.name} on queue ${COORDINATION_QUEUE}`);
    const { contactKey } = contactDuePayload.parse(job.data);
    return this.executor.handleDue(contactKey);
  }
}
