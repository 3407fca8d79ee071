/**
 * Which jobs a processor handles, declared on its class: `@HandlesJobs('message.dispatch')`.
 * The worker compares every declaration with the job registry before it takes any job, and
 * refuses to start when a job has no handler or two.
 */
import 'reflect-metadata';

const HANDLED_JOBS = Symbol('unisson:handled-jobs');

export function HandlesJobs(...jobNames: string[]): ClassDecorator {
  return (target) => {
    Reflect.defineMetadata(HANDLED_JOBS, jobNames, target);
  };
}

export function handledJobsOf(target: Function): string[] | undefined {
  return Reflect.getMetadata(HANDLED_JOBS, target) as string[] | undefined;
}

export interface JobHandlerDeclaration {
  processor: string;
  jobs: readonly string[];
}

/** Problems with the declared handlers against the registry; empty when each job has exactly one. */
export function jobHandlerProblems(registry: readonly string[], declarations: readonly JobHandlerDeclaration[]): string[] {
  const handlers = new Map<string, string[]>();
  for (const { processor, jobs } of declarations) {
    for (const job of jobs) handlers.set(job, [...(handlers.get(job) ?? []), processor]);
  }
  const problems: string[] = [];
  for (const job of registry) {
    const found = handlers.get(job) ?? [];
    if (found.length === 0) problems.push(`job "${job}" has no handler`);
    if (found.length > 1) problems.push(`job "${job}" has ${found.length} handlers (${found.join(', ')})`);
  }
  for (const job of handlers.keys()) {
    if (!registry.includes(job))
      problems.push(`job "${job}" is handled by ${handlers.get(job)!.join(', ')} but is not in the job registry`);
  }
  return problems;
}
