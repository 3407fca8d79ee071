/**
 * npm run relink -- --territory 93 [--apply-only]
 *
 * Re-links a whole territory in the database (re-estimates the household-matching model, rebuilds
 * the groups, keeps every human decision) and brings households, procedures, opt-outs and contact
 * plans in step. The work runs in the worker (`npm start` must be running): this command asks for
 * it and waits for the result.
 */
import { Queue, QueueEvents } from 'bullmq';
import { loadConfig } from '@unisson/config';
import { jobSpec, QUEUES } from '@unisson/queues';

function argument(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const territory = argument('territory');
  if (!territory) {
    process.stderr.write('Usage : npm run relink -- --territory 93 [--apply-only]\n');
    process.exit(2);
  }
  const config = loadConfig();
  const connection = { url: config.redis.url };
  const queue = new Queue(QUEUES.linkage, { connection, prefix: config.redis.queuePrefix });
  const events = new QueueEvents(QUEUES.linkage, { connection, prefix: config.redis.queuePrefix });
  try {
    if ((await queue.getWorkers()).length === 0) throw new Error('Aucun worker Unisson ne traite la file « linkage ».');
    const spec = jobSpec('households.regroup', {
      territory,
      reestimate: !process.argv.includes('--apply-only'),
      requestedAt: new Date().toISOString(),
    });
    const job = await queue.add(spec.name, spec.data, spec.opts);
    const started = Date.now();
    const ticker = setInterval(
      () => process.stderr.write(`\r▶ Rapprochement du territoire ${territory}… ${Math.round((Date.now() - started) / 1000)} s`),
      1000,
    );
    try {
      const summary = await job.waitUntilFinished(events, 30 * 60_000);
      process.stderr.write('\n');
      console.log(JSON.stringify(summary));
    } finally {
      clearInterval(ticker);
    }
  } catch (error) {
    process.stderr.write(`\n✗ ${(error as Error).message}\nLe worker tourne-t-il ? Lancez « npm start » puis relancez cette commande.\n`);
    process.exitCode = 1;
  } finally {
    await events.close();
    await queue.close();
  }
}

void main();
