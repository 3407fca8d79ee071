import os from 'node:os';

/** What the figures were measured on: quoted with every benchmark result. */
export function machineContext() {
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cpus: os.cpus().length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    loadAverage1m: Number(os.loadavg()[0].toFixed(2)),
  };
}
