import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Inject } from '@nestjs/common';
import { Queue } from 'bullmq';
import { ChannelSenderRegistry } from '@unisson/channels';
import { APP_CONFIG, AppConfig } from '@unisson/config';
import { describeError, ensureJobs, JobReconciler } from '@unisson/platform';
import { jobSpec, QUEUES } from '@unisson/queues';
import { deliveryOf, MessageDispatchService } from '../message-dispatch.service';
import { MessagesRepository } from '../messages.repository';
import { ProviderStatusUpdates } from '../provider-status-updates';

/**
 * Messages live in `outbound_message`: every due queued message gets its dispatch job back,
 * every message stuck in "sending" (its worker died) a recovery job, and every sent SMS whose
 * status callbacks never came has its status fetched from the provider.
 */
@Injectable()
export class MessagingReconciler extends JobReconciler {
  readonly name = 'messaging';
  private readonly logger = new Logger('MessagingReconciler');

  constructor(
    private readonly messages: MessagesRepository,
    private readonly dispatch: MessageDispatchService,
    private readonly senders: ChannelSenderRegistry,
    private readonly statusUpdates: ProviderStatusUpdates,
    @InjectQueue(QUEUES.dispatch) private readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  async reconcile(): Promise<number> {
    const due = await this.messages.findDueQueuedIds(2_000, 5_000);
    const rebuilt = await ensureJobs(
      this.queue,
      due.map((messageId) => jobSpec('message.dispatch', { messageId })),
      5_000,
    );
    const stuck = await this.messages.findStuckSendingIds(this.dispatch.stuckAfterMs, 1_000);
    // A job of its own: the dead worker's job stays locked until BullMQ notices it stalled.
    const recovered = await ensureJobs(
      this.queue,
      stuck.map((messageId) => {
        const spec = jobSpec('message.dispatch', { messageId });
        return { ...spec, opts: { ...spec.opts, jobId: `recover-${messageId}` } };
      }),
      30_000,
    );
    return rebuilt + recovered + (await this.fetchLostStatuses());
  }

  /** Status callbacks can be lost (API down, network): ask the provider about SMS still "sent". */
  private async fetchLostStatuses(): Promise<number> {
    const waiting = await this.messages.findSentAwaitingStatus(this.config.dispatch.statusPollAfterMs, 200);
    let updated = 0;
    for (const message of waiting) {
      const sender = this.senders.senderFor(message.channel);
      if (!sender || !message.providerMessageId) continue;
      try {
        const providerStatus = await sender.providerStatus(deliveryOf(message), message.providerMessageId);
        await this.messages.markStatusChecked(message.id);
        if (
          providerStatus &&
          (await this.statusUpdates.apply(message, {
            providerStatus,
            providerMessageId: message.providerMessageId,
            errorCode: null,
            source: 'status_poll',
          }))
        ) {
          updated++;
        }
      } catch (error) {
        this.logger.warn({ messageId: message.id, err: describeError(error) }, 'provider status could not be fetched');
        return updated;
      }
    }
    return updated;
  }
}
