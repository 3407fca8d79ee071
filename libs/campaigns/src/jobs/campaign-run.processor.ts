import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job } from 'bullmq';
import { HandlesJobs } from '@unisson/platform';
import { JOBS, QUEUES } from '@unisson/queues';
import { CampaignsRepository } from '../campaigns.repository';
import { CampaignsService } from '../campaigns.service';

const SWEEP_EVERY_MS = 60_000;

/** Runs launched campaigns; every minute, re-adds the run of any campaign that should be going on (Redis lost it). */
@Processor(QUEUES.campaigns, { concurrency: 1, autorun: false })
@HandlesJobs('campaign.run')
export class CampaignRunProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger('CampaignRunProcessor');

  constructor(
    private readonly service: CampaignsService,
    private readonly campaigns: CampaignsRepository,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    const timer = setInterval(
      () => void this.sweep().catch((e: unknown) => this.logger.warn({ err: String(e) }, 'campaign sweep failed')),
      SWEEP_EVERY_MS,
    );
    timer.unref();
  }

  async process(job: Job): Promise<void> {
    if (job.name !== 'campaign.run') throw new Error(`No handler for job ${job.name} on queue ${QUEUES.campaigns}`);
    const { campaignId } = JOBS['campaign.run'].payload.parse(job.data);
    await this.service.run(campaignId);
  }

  private async sweep(): Promise<void> {
    for (const campaign of await this.campaigns.findDue()) await this.service.enqueue(campaign);
  }
}
