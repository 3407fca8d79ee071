/**
 * CPU time spent by processes of this machine (Linux /proc), to say where a benchmark's time
 * goes: per process, in milliseconds of user + system time.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const TICK_MS = 1000 / Number(execFileSync('getconf', ['CLK_TCK']).toString().trim() || 100);

/** User and system (kernel: system calls, the loopback network) CPU milliseconds a process has used since it started; 0 once it is gone. */
export function cpuSplitOf(pid: number): { user: number; system: number } {
  try {
    // The command name (field 2) may hold spaces: fields are counted after its closing parenthesis.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { user: Number(fields[11]) * TICK_MS, system: Number(fields[12]) * TICK_MS };
  } catch {
    return { user: 0, system: 0 };
  }
}

/** User + system CPU milliseconds a process has used since it started; 0 once it is gone. */
export function cpuMsOf(pid: number): number {
  const { user, system } = cpuSplitOf(pid);
  return user + system;
}

/** Pids of the running processes whose command name is `name` (e.g. redis-server). */
export function pidsNamed(name: string): number[] {
  try {
    return execFileSync('pgrep', ['-x', name]).toString().split('\n').filter(Boolean).map(Number);
  } catch {
    return [];
  }
}
