import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { HandlesJobs } from '@unisson/platform';
import { PlanExecutor } from '../plan-executor';
import { CONTACT_DUE_JOB, CONTACT_HANDOFF_JOB, CONTACT_HANDOFF_QUEUE, COORDINATION_QUEUE, contactDuePayload } from './contact-due.job';

/** Worker side of `contact.due`: validates the payload and calls one executor method. */
@Processor(COORDINATION_QUEUE, { concurrency: 8, autorun: false })
@HandlesJobs(CONTACT_DUE_JOB)
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

/** Worker side of `contact.handoff`: gives the handed-off contact to messaging. */
@Processor(CONTACT_HANDOFF_QUEUE, { concurrency: 8, autorun: false })
@HandlesJobs(CONTACT_HANDOFF_JOB)
export class ContactHandOffProcessor extends WorkerHost {
  constructor(private readonly executor: PlanExecutor) {
    super();
  }

  async process(job: Job): Promise<string> {
    if (job.name !== CONTACT_HANDOFF_JOB) throw new Error(`Unknown job ${job.name} on queue ${CONTACT_HANDOFF_QUEUE}`);
    const { contactKey } = contactDuePayload.parse(job.data);
    return this.executor.deliverHandOff(contactKey);
  }
}
