/**
 * CPU time spent by processes of this machine (Linux /proc), to say where a benchmark's time
 * goes: per process, in milliseconds of user + system time.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const TICK_MS = 1000 / Number(execFileSync('getconf', ['CLK_TCK']).toString().trim() || 100);

/** User + system CPU milliseconds a process has used since it started; 0 once it is gone. */
export function cpuMsOf(pid: number): number {
  try {
    // The command name (field 2) may hold spaces: fields are counted after its closing parenthesis.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return 0;
  }
}

/** Pids of the running processes whose command name is `name` (e.g. redis-server). */
export function pidsNamed(name: string): number[] {
  try {
    return execFileSync('pgrep', ['-x', name]).toString().split('\n').filter(Boolean).map(Number);
  } catch {
    return [];
  }
}
