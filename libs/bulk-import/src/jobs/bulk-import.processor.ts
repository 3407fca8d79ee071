import { InjectQueue, OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { HandlesJobs } from '@unisson/platform';
import { jobSpec, JOBS, QUEUES } from '@unisson/queues';
import { BulkImportRepository } from '../bulk-import.repository';
import { BulkImportService } from '../bulk-import.service';

const SWEEP_EVERY_MS = 30_000;

/** Runs uploaded files one at a time (intake's own workers process the alerts); re-enqueues any Redis lost. */
@Processor(QUEUES.imports, { concurrency: 1, autorun: false })
@HandlesJobs('bulk-import.run')
export class BulkImportProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger('BulkImportProcessor');

  constructor(
    private readonly service: BulkImportService,
    private readonly imports: BulkImportRepository,
    @InjectQueue(QUEUES.imports) private readonly queue: Queue,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    const timer = setInterval(
      () => void this.sweep().catch((e: unknown) => this.logger.warn({ err: String(e) }, 'import sweep failed')),
      SWEEP_EVERY_MS,
    );
    timer.unref();
  }

  async process(job: Job): Promise<void> {
    if (job.name !== 'bulk-import.run') throw new Error(`No handler for job ${job.name} on queue ${QUEUES.imports}`);
    const { importId } = JOBS['bulk-import.run'].payload.parse(job.data);
    await this.service.run(importId);
  }

  /** After the last attempt, the import says so instead of staying "processing" forever. */
  @OnWorkerEvent('failed')
  async onFailed(job: Job | undefined, error: Error): Promise<void> {
    if (!job || job.attemptsMade < (job.opts.attempts ?? 1)) return;
    const { importId } = JOBS['bulk-import.run'].payload.parse(job.data);
    this.logger.error({ importId, err: error.name }, 'bulk import gave up');
    await this.imports.finish(
      importId,
      'failed',
      'Le traitement a échoué plusieurs fois : déposez le fichier à nouveau (les lignes déjà reçues ne seront pas dupliquées).',
    );
  }

  private async sweep(): Promise<void> {
    const ids = await this.imports.findUnfinishedIds(SWEEP_EVERY_MS);
    if (ids.length) await this.queue.addBulk(ids.map((importId) => jobSpec('bulk-import.run', { importId })));
  }
}
