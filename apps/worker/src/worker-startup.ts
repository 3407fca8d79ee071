import { WorkerHost } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { describeError, handledJobsOf, jobHandlerProblems } from '@unisson/platform';
import { JOBS } from '@unisson/queues';
import { TemplateLibrary, TemplateVersionArchive } from '@unisson/templates';

/**
 * Before the worker takes jobs (every processor is declared with `autorun: false`): every
 * template version it may send is archived (what exactly was sent stays readable), the e-mail
 * layouts are compiled once (MJML is slow), and every job of the registry must have exactly one
 * handler (`@HandlesJobs`), else the start stops naming the job. Then the processors run.
 */
@Injectable()
export class WorkerStartup implements OnApplicationBootstrap {
  private readonly logger = new Logger('WorkerStartup');

  constructor(
    private readonly archive: TemplateVersionArchive,
    private readonly library: TemplateLibrary,
    private readonly discovery: DiscoveryService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const archived = await this.archive.archiveCurrentVersions();
    const compiled = await this.library.prepareAllEmails();
    this.logger.log({ archived, compiled }, 'templates archived and e-mail layouts compiled');
    const processors = this.discovery.getProviders().filter((w) => w.instance instanceof WorkerHost);
    const declarations = processors.map((w) => ({ processor: w.name, jobs: handledJobsOf(w.instance.constructor as Function) ?? [] }));
    const problems = jobHandlerProblems(Object.keys(JOBS), declarations);
    if (problems.length) {
      throw new Error(
        `Le worker refuse de démarrer : ${problems.join('; ')}. Chaque tâche du registre (libs/queues) doit avoir un seul @HandlesJobs.`,
      );
    }
    for (const processor of processors) this.start(processor.name, (processor.instance as WorkerHost).worker);
    this.logger.log({ processors: processors.length }, 'worker taking jobs');
  }

  /** Runs a processor's BullMQ worker; its errors become one log line each (Redis outages: one per 30 s). */
  private start(processor: string, worker: WorkerHost['worker']): void {
    let lastErrorAt = 0;
    worker.on('error', (error) => {
      if (Date.now() - lastErrorAt < 30_000) return;
      lastErrorAt = Date.now();
      this.logger.warn({ processor, err: describeError(error) }, 'queue worker error (it keeps retrying)');
    });
    worker.on('failed', (job, error) => {
      if (!job || job.attemptsMade < (job.opts.attempts ?? 1)) return;
      this.logger.warn(
        { processor, job: job.name, jobId: job.id, attempts: job.attemptsMade, err: describeError(error) },
        'job failed for good',
      );
    });
    void worker.run();
  }
}
