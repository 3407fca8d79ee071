import { createServer } from 'node:net';

/** A TCP port free right now on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Polls until `check` returns a value (not undefined), or fails after `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 15_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Waits for `check` to give a value, as long as work is moving: fails when `progress` (any JSON,
 * e.g. counts by status) has not changed for `stallMs`, or after `capMs` in all. A loaded machine
 * makes a run slow, not stuck; a lost message stops the counts and fails the wait, with them.
 */
export async function whileProgressing<T>(
  check: () => Promise<T | undefined>,
  progress: () => Promise<unknown>,
  what: string,
  { stallMs = 150_000, capMs = 12 * 60_000 } = {},
): Promise<T> {
  const started = Date.now();
  let last = JSON.stringify(await progress());
  let movedAt = Date.now();
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    const now = JSON.stringify(await progress());
    if (now !== last) [last, movedAt] = [now, Date.now()];
    if (Date.now() - movedAt > stallMs) throw new Error(`no progress for ${stallMs / 1000} s waiting for ${what}: ${now}`);
    if (Date.now() - started > capMs) throw new Error(`timed out after ${capMs / 1000} s waiting for ${what}: ${now}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
