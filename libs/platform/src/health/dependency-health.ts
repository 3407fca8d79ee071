import { Logger } from '@nestjs/common';

/** One thing the service needs, how to reach it, and which setting names it. */
export interface DependencyProbe {
  name: 'postgres' | 'redis';
  /** French label for people ("PostgreSQL"). */
  label: string;
  /** The setting to check when it does not answer. */
  setting: string;
  probe(): Promise<unknown>;
}

export type DependencyState = 'up' | 'down';

export interface HealthReport {
  ok: boolean;
  states: Record<DependencyProbe['name'], DependencyState>;
  /** What is down and what to check, in French; empty when all is up. */
  message: string;
}

function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/**
 * Asks every dependency, each within `timeoutMs` (readiness answers within a second whatever is
 * down), and, when watched, logs when one goes away and when it comes back.
 */
export class DependencyHealth {
  private readonly logger = new Logger('Dependencies');
  private readonly last = new Map<string, DependencyState>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly probes: readonly DependencyProbe[],
    private readonly timeoutMs = 800,
    private readonly onStop: () => void = () => undefined,
  ) {}

  /** Nest lifecycle hook. */
  onApplicationShutdown(): void {
    this.stop();
    this.onStop();
  }

  async check(): Promise<HealthReport> {
    const results = await Promise.allSettled(this.probes.map((p) => within(p.probe(), this.timeoutMs)));
    const states = {} as HealthReport['states'];
    const down: DependencyProbe[] = [];
    this.probes.forEach((probe, i) => {
      states[probe.name] = results[i].status === 'fulfilled' ? 'up' : 'down';
      if (states[probe.name] === 'down') down.push(probe);
    });
    const message = down.map((p) => `${p.label} ne répond pas : vérifiez ${p.setting} et que le service tourne.`).join(' ');
    return { ok: down.length === 0, states, message };
  }

  /** Logs every change of state, checking every `everyMs`. */
  watch(everyMs = 2_000): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.logChanges(), everyMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async logChanges(): Promise<void> {
    const report = await this.check();
    for (const probe of this.probes) {
      const state = report.states[probe.name];
      const before = this.last.get(probe.name);
      this.last.set(probe.name, state);
      if (before === state || (before === undefined && state === 'up')) continue;
      if (state === 'down') this.logger.warn({ dependency: probe.name, setting: probe.setting }, `${probe.label} injoignable`);
      else this.logger.log({ dependency: probe.name }, `${probe.label} de nouveau joignable`);
    }
  }
}
