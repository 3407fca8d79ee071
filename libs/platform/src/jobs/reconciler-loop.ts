import { writeFile } from 'node:fs/promises';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { APP_CONFIG, AppConfig } from '@unisson/config';
import { describe as describeError } from '../http/http-error.filter';
import { JobReconciler } from './job-reconciler';

/**
 * Runs every `JobReconciler` of the worker every RECONCILE_EVERY_MS, from a timer of the
 * process: after Redis lost everything, missing jobs and schedulers are back within one period.
 * Several workers may run it at once: every reconciler is idempotent.
 */
@Injectable()
export class ReconcilerLoop implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Reconciler');
  private reconcilers: JobReconciler[] = [];
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private readonly failing = new Set<string>();

  constructor(
    private readonly discovery: DiscoveryService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.reconcilers = this.discovery
      .getProviders()
      .map((wrapper) => wrapper.instance as unknown)
      .filter((instance): instance is JobReconciler => instance instanceof JobReconciler);
    this.timer = setInterval(() => void this.tick(), this.config.jobs.reconcileEveryMs);
    this.timer.unref();
    void this.tick();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One pass over every reconciler (skipped when the previous pass is still running). */
  tick(): Promise<void> {
    if (this.running) return this.running;
    this.running = this.runAll().finally(() => (this.running = null));
    return this.running;
  }

  private async runAll(): Promise<void> {
    const heartbeat = this.config.jobs.heartbeatFile;
    if (heartbeat) await writeFile(heartbeat, new Date().toISOString()).catch(() => undefined);
    for (const reconciler of this.reconcilers) {
      if (!this.timer) return;
      try {
        const rebuilt = await reconciler.reconcile(new Date());
        if (this.failing.delete(reconciler.name)) this.logger.log({ reconciler: reconciler.name }, 'reconciler works again');
        if (rebuilt > 0) this.logger.log({ reconciler: reconciler.name, rebuilt }, 'jobs rebuilt from PostgreSQL');
      } catch (error) {
        if (!this.failing.has(reconciler.name)) {
          this.failing.add(reconciler.name);
          this.logger.warn({ reconciler: reconciler.name, err: describeError(error) }, 'reconciler failed; it will try again');
        }
      }
    }
  }
}
