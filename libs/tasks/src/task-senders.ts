import { Injectable } from '@nestjs/common';
import { ChannelSender, DeliveryReceipt, OutboundDelivery, ProviderLookup } from '@unisson/channels';
import { TaskCreation } from './task-creation';
import { TasksRepository } from './tasks.repository';

/**
 * Sending a call or a visit creates its task (the message's idempotency key makes it once); the
 * "provider" is Unisson's own task table, so a lookup after a crash always knows.
 */
abstract class TaskChannelSender extends ChannelSender {
  abstract override readonly channel: 'call' | 'homeVisit';

  constructor(
    private readonly creation: TaskCreation,
    private readonly tasks: TasksRepository,
  ) {
    super();
  }

  async send(delivery: OutboundDelivery): Promise<DeliveryReceipt> {
    const task = await this.creation.createFor({ ...delivery, channel: this.channel });
    return { providerMessageId: task.id, providerStatus: `task:${task.state}` };
  }

  async lookup(delivery: OutboundDelivery): Promise<ProviderLookup> {
    const task = await this.tasks.findByMessageKey(delivery.idempotencyKey);
    return task
      ? { kind: 'accepted', receipt: { providerMessageId: task.id, providerStatus: `task:${task.state}` } }
      : { kind: 'notAccepted' };
  }
}

/** Channel `call`: a call task for the competent team. */
@Injectable()
export class CallTaskSender extends TaskChannelSender {
  readonly channel = 'call' as const;

  // Declared here so that Nest sees what to inject (metadata is per class, not inherited).
  constructor(creation: TaskCreation, tasks: TasksRepository) {
    super(creation, tasks);
  }
}

/** Channel `homeVisit`: a visit task for the competent team (the Essonne sequence's visits among them). */
@Injectable()
export class HomeVisitTaskSender extends TaskChannelSender {
  readonly channel = 'homeVisit' as const;

  constructor(creation: TaskCreation, tasks: TasksRepository) {
    super(creation, tasks);
  }
}
