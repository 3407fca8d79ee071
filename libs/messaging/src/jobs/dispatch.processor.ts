import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { jobSpec, JOBS, QUEUES } from '@unisson/queues';
import { MessageDispatchService, STUCK_SENDING_MS } from '../message-dispatch.service';
import { MessagesRepository } from '../messages.repository';

const SWEEP_EVERY_MS = 30_000;

/** Sends messages; every 30 s, re-enqueues due messages that lost their job and recovers stuck sends. */
@Processor(QUEUES.dispatch, { concurrency: 16 })
export class DispatchProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger('DispatchProcessor');

  constructor(
    private readonly dispatchService: MessageDispatchService,
    private readonly messages: MessagesRepository,
    @InjectQueue(QUEUES.dispatch) private readonly queue: Queue,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    const sweep = jobSpec('dispatch.sweep', {});
    await this.queue.upsertJobScheduler(
      'dispatch-sweep',
      { every: SWEEP_EVERY_MS },
      { name: sweep.name, data: sweep.data, opts: JOBS['dispatch.sweep'].options },
    );
  }

  async process(job: Job): Promise<unknown> {
    if (job.name === 'message.dispatch') {
      const { messageId } = JOBS['message.dispatch'].payload.parse(job.data);
      return this.dispatchService.dispatch(messageId);
    }
    if (job.name === 'dispatch.sweep') return this.sweep();
    throw new Error(`No handler for job ${job.name} on queue ${QUEUES.dispatch}`);
  }

  private async sweep(): Promise<{ requeued: number }> {
    const ids = [
      ...(await this.messages.findDueQueuedIds(SWEEP_EVERY_MS, 1000)),
      ...(await this.messages.findStuckSendingIds(STUCK_SENDING_MS, 1000)),
    ];
    if (ids.length) {
      // A job id still present in Redis is not added twice; the status row guards the rest.
      await this.queue.addBulk(
        ids.map((messageId) => ({
          ...jobSpec('message.dispatch', { messageId }),
          opts: { ...jobSpec('message.dispatch', { messageId }).opts, jobId: `message-${messageId}-sweep-${Date.now()}` },
        })),
      );
      this.logger.log({ count: ids.length }, 'messages re-enqueued by the sweeper');
    }
    return { requeued: ids.length };
  }
}
