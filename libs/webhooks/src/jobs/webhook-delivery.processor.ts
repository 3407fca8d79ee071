import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { HandlesJobs } from '@unisson/platform';
import { jobSpec, JOBS, QUEUES } from '@unisson/queues';
import { WebhookDeliveryService } from '../webhook-delivery.service';
import { WebhooksRepository } from '../webhooks.repository';

const SWEEP_EVERY_MS = 60_000;

/** Sends webhook deliveries (retried with exponential backoff and jitter); re-adds any Redis lost. */
@Processor(QUEUES.webhooks, { concurrency: 8, autorun: false })
@HandlesJobs('webhook.deliver')
export class WebhookDeliveryProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger('WebhookDeliveryProcessor');

  constructor(
    private readonly delivery: WebhookDeliveryService,
    private readonly webhooks: WebhooksRepository,
    @InjectQueue(QUEUES.webhooks) private readonly queue: Queue,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    const timer = setInterval(
      () => void this.sweep().catch((e: unknown) => this.logger.warn({ err: String(e) }, 'webhook sweep failed')),
      SWEEP_EVERY_MS,
    );
    timer.unref();
  }

  async process(job: Job): Promise<string> {
    if (job.name !== 'webhook.deliver') throw new Error(`No handler for job ${job.name} on queue ${QUEUES.webhooks}`);
    const { deliveryId } = JOBS['webhook.deliver'].payload.parse(job.data);
    const attempts = job.opts.attempts ?? 1;
    const attempt = job.attemptsMade + 1;
    const base = (job.opts.backoff as { delay?: number } | undefined)?.delay ?? 10_000;
    return this.delivery.deliver(deliveryId, attempt, attempt >= attempts, base * 2 ** (attempt - 1));
  }

  private async sweep(): Promise<void> {
    // Overdue by 10 minutes: no job will come for it any more (Redis was emptied, or the API could not enqueue).
    const ids = await this.webhooks.overduePendingIds(10 * 60_000);
    if (ids.length) await this.queue.addBulk(ids.map((deliveryId) => jobSpec('webhook.deliver', { deliveryId })));
  }
}
