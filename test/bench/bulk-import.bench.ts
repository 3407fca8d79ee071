/**
 * npm run bench:bulk-import [-- --rows 50000 --max-seconds 240]
 * Where a landlord's big upload spends its time: the whole stack in this process (API, worker,
 * sandbox, own database and queues, as the end-to-end tests run it), one Windows-1252 CSV of
 * `rows` rows uploaded, then sampled every 2 s: the import's own counts (parse and validate, the
 * job status the API and the imports page show) and the intake's (the status's alerts processed: record,
 * household matching, procedure, plan). Stops when both are done or after `max-seconds`, and
 * extrapolates what is left. Progress on stderr; the last stdout line is one JSON object.
 */
import 'reflect-metadata';
import iconv from 'iconv-lite';
import { Client } from 'pg';
import { generateAlertRows } from '../../libs/bulk-import/src/cli/alert-file-generator';
import globalSetup from '../support/global-setup';
import globalTeardown from '../support/global-teardown';
import { startUnissonStack } from '../support/unisson-stack';
import { machineContext } from './machine-context';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const log = (m: string) => process.stderr.write(`[bench:bulk-import] ${m}\n`);
const seconds = (from: number) => (Date.now() - from) / 1000;

interface ImportStatus {
  status: string;
  alertsProcessed: number;
  alertsWaiting: number;
  rowsTotal: number | null;
  rowsDone: number;
  rowsInvalid: number;
  alertsCreated: number;
}

/** SQL statements sent by this process (API, worker and sandbox share it): the cost per alert beyond CPU. */
let statements = 0;
const query = Client.prototype.query as (...args: unknown[]) => unknown;
Client.prototype.query = function counted(this: Client, ...args: unknown[]) {
  statements++;
  return query.apply(this, args);
} as typeof Client.prototype.query;

async function main(): Promise<void> {
  const rows = arg('rows', 50_000);
  const maxSeconds = arg('max-seconds', 240);
  await globalSetup();
  const stack = await startUnissonStack('bench_bulk', { LOG_LEVEL: 'silent' });
  try {
    let started = Date.now();
    const file = iconv.encode(generateAlertRows(rows, { invalidShare: 0.002, seed: 93 }), 'win1252');
    const generatedSeconds = seconds(started);
    started = Date.now();
    const response = await fetch(`${stack.baseUrl}/v1/alerts/imports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.keys['bailleur-93']}`, 'content-type': 'text/csv', 'x-file-name': `bench-${rows}.csv` },
      body: file,
    });
    if (!response.ok) throw new Error(`upload refused: ${response.status} ${await response.text()}`);
    const { importId } = (await response.json()) as { importId: string };
    const acceptedSeconds = seconds(started);
    log(`${rows} rows (${(file.length / 1048576).toFixed(1)} MB) accepted in ${acceptedSeconds.toFixed(1)} s`);
    const samples: Array<{ t: number; rowsDone: number; processed: number }> = [];
    let importDoneAt: number | null = null;
    let status: ImportStatus | null = null;
    let processed = 0;
    let pending = 0;
    let statementsAtFirst: { statements: number; processed: number } | null = null;
    while (seconds(started) < maxSeconds) {
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      const answer = await fetch(`${stack.baseUrl}/v1/alerts/imports/${importId}`, {
        headers: { authorization: `Bearer ${stack.keys['bailleur-93']}` },
      });
      status = (await answer.json()) as ImportStatus;
      // What the landlord sees: the upload's own counts of its alerts processed by intake and waiting.
      ({ alertsProcessed: processed, alertsWaiting: pending } = status);
      if (processed > 0 && statementsAtFirst === null) statementsAtFirst = { statements, processed };
      samples.push({ t: seconds(started), rowsDone: status.rowsDone, processed });
      if (importDoneAt === null && status.status === 'completed') importDoneAt = seconds(started);
      log(
        `t=${seconds(started).toFixed(0)} s  import ${status.status} ${status.rowsDone}/${status.rowsTotal ?? '…'} rows  intake ${processed} processed, ${pending} waiting  load ${machineContext().loadAverage1m}`,
      );
      if (status.status === 'completed' && pending === 0) break;
    }
    const elapsed = seconds(started);
    const last = samples[samples.length - 1];
    // Intake's rate over the last half of the samples (after its start-up).
    const from = samples[Math.floor(samples.length / 2)];
    const intakePerSecond = last.t > from.t ? (last.processed - from.processed) / (last.t - from.t) : 0;
    const importPerSecond = importDoneAt ? (status?.rowsDone ?? 0) / importDoneAt : (status?.rowsDone ?? 0) / elapsed;
    const left = (status?.alertsCreated ?? rows) - processed;
    const result = {
      rows,
      fileMb: Number((file.length / 1048576).toFixed(1)),
      generatedSeconds: Number(generatedSeconds.toFixed(1)),
      uploadAcceptedSeconds: Number(acceptedSeconds.toFixed(1)),
      importStatus: status,
      importCompletedSeconds: importDoneAt,
      importRowsPerSecond: Math.round(importPerSecond),
      intakeProcessed: processed,
      intakePerSecond: Number(intakePerSecond.toFixed(1)),
      intakeSecondsLeftEstimate: intakePerSecond > 0 ? Math.round(left / intakePerSecond) : null,
      // Whole pipeline for this many rows at the measured pace (reading the file overlaps intake).
      wholeFileMinutesEstimate: intakePerSecond > 0 ? Number(((status?.alertsCreated ?? rows) / intakePerSecond / 60).toFixed(1)) : null,
      sqlStatementsPerAlert:
        statementsAtFirst && processed > statementsAtFirst.processed
          ? Math.round((statements - statementsAtFirst.statements) / (processed - statementsAtFirst.processed))
          : null,
      sampledSeconds: Number(elapsed.toFixed(0)),
      note: 'API, worker and sandbox share this one process (as in the e2e tests); npm start runs them as separate processes',
      machine: machineContext(),
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await stack.stop();
    await globalTeardown();
  }
}

main().catch((error: unknown) => {
  log(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
