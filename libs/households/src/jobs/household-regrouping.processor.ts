import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { JOBS, QUEUES } from '@unisson/queues';
import { DEPARTEMENTS } from '@unisson/vocabulary';
import { HouseholdRegroupingService, RegroupingSummary } from '../household-regrouping.service';

/** Re-links every territory (every département has a playbook: its own or the national one) each night (02:30, Paris time) and applies review decisions. */
@Processor(QUEUES.linkage, { concurrency: 1 })
export class HouseholdRegroupingProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    private readonly regrouping: HouseholdRegroupingService,
    @InjectQueue(QUEUES.linkage) private readonly queue: Queue,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    for (const territory of DEPARTEMENTS) {
      await this.queue.upsertJobScheduler(
        `relink-${territory}`,
        { pattern: '30 2 * * *', tz: 'Europe/Paris' },
        {
          name: 'households.regroup',
          data: { territory, reestimate: true, requestedAt: new Date(0).toISOString() },
          opts: JOBS['households.regroup'].options,
        },
      );
    }
  }

  async process(job: Job): Promise<RegroupingSummary> {
    if (job.name !== 'households.regroup') throw new Error(`No handler for job ${job.name} on queue ${QUEUES.linkage}`);
    const { territory, reestimate } = JOBS['households.regroup'].payload.parse(job.data);
    return this.regrouping.regroup(territory, reestimate);
  }
}
