import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { HandlesJobs, JobReconciler } from '@unisson/platform';
import { JOBS, QUEUES } from '@unisson/queues';
import { DEPARTEMENTS } from '@unisson/vocabulary';
import { HouseholdRegroupingService, RegroupingSummary } from '../household-regrouping.service';

/** Re-links a territory (nightly, see the schedules below) and applies review decisions. */
@Processor(QUEUES.linkage, { concurrency: 1, autorun: false })
@HandlesJobs('households.regroup')
export class HouseholdRegroupingProcessor extends WorkerHost {
  constructor(private readonly regrouping: HouseholdRegroupingService) {
    super();
  }

  async process(job: Job): Promise<RegroupingSummary> {
    if (job.name !== 'households.regroup') throw new Error(`No handler for job ${job.name} on queue ${QUEUES.linkage}`);
    const { territory, reestimate } = JOBS['households.regroup'].payload.parse(job.data);
    return this.regrouping.regroup(territory, reestimate);
  }
}

/**
 * Every territory (every département has a playbook: its own or the national one) is re-linked
 * each night (02:30, Paris time): its repeatable scheduler is put back whenever Redis lost it.
 */
@Injectable()
export class NightlyRelinkSchedules extends JobReconciler {
  readonly name = 'nightly-relink';

  constructor(@InjectQueue(QUEUES.linkage) private readonly queue: Queue) {
    super();
  }

  async reconcile(): Promise<number> {
    if ((await this.queue.getJobSchedulersCount()) >= DEPARTEMENTS.length) return 0;
    let rebuilt = 0;
    for (const territory of DEPARTEMENTS) {
      if (await this.queue.getJobScheduler(`relink-${territory}`)) continue;
      rebuilt++;
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
    return rebuilt;
  }
}
