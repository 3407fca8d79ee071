import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, OnApplicationBootstrap } from '@nestjs/common';
import { DelayedError, Job } from 'bullmq';
import { APP_CONFIG, AppConfig } from '@unisson/config';
import { HandlesJobs } from '@unisson/platform';
import { JOBS, QUEUES } from '@unisson/queues';
import { ContactOutcomeReporter } from '../contact-outcome-reporter';
import { DeferredError, MessageDispatchService } from '../message-dispatch.service';
import { MessagesRepository } from '../messages.repository';

/** Sends messages. A send that must wait (provider paced, circuit open) is delayed without spending an attempt. */
@Processor(QUEUES.dispatch, { concurrency: 16, autorun: false })
@HandlesJobs('message.dispatch')
export class DispatchProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    private readonly dispatchService: MessageDispatchService,
    private readonly messages: MessagesRepository,
    private readonly outcomes: ContactOutcomeReporter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.dispatch.concurrency;
  }

  async process(job: Job, token?: string): Promise<unknown> {
    if (job.name !== 'message.dispatch') throw new Error(`No handler for job ${job.name} on queue ${QUEUES.dispatch}`);
    const { messageId } = JOBS['message.dispatch'].payload.parse(job.data);
    try {
      const outcome = await this.dispatchService.dispatch(messageId);
      if (outcome === 'failed') {
        // The plan moves on: an undelivered contact escalates to the playbook's next channel.
        const message = await this.messages.findById(messageId);
        if (message) await this.outcomes.messageReached(message, 'failed');
      }
      return outcome;
    } catch (error) {
      if (error instanceof DeferredError && token) {
        await job.moveToDelayed(error.until, token);
        throw new DelayedError();
      }
      throw error;
    }
  }
}
