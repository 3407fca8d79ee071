import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { APP_CONFIG, AppConfig } from '@unisson/config';
import { ensureJobs, JobReconciler } from '@unisson/platform';
import { jobSpec, QUEUES } from '@unisson/queues';
import { batchTimeOf, parisDay, printDayFor } from '../domain/print-day';
import { PrintStageRepository } from '../print-stage.repository';

/**
 * PostgreSQL is the truth (decision 0009): every day with letters still staged once its batch
 * time has come, and every batch not yet with the provider (its worker died), gets its batch job
 * back, whatever Redis lost.
 */
@Injectable()
export class LettersReconciler extends JobReconciler {
  readonly name = 'letters';

  constructor(
    private readonly stage: PrintStageRepository,
    @InjectQueue(QUEUES.letters) private readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  async reconcile(now: Date): Promise<number> {
    const { cutoff, batchDelayMs } = this.config.letters;
    // With a batch delay (demo, tests) today's letters are due as soon as they are staged; else at the cut-off.
    const dueDay =
      batchDelayMs !== null
        ? printDayFor(now, cutoff)
        : now >= batchTimeOf(parisDay(now), cutoff)
          ? parisDay(now)
          : previousDay(parisDay(now));
    const pending = await this.stage.pendingBatches(dueDay);
    return ensureJobs(
      this.queue,
      pending.map((p) => jobSpec('letters.batch', p)),
      30_000,
      now.getTime(),
    );
  }
}

function previousDay(day: string): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}
