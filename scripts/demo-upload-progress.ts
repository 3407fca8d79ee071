/**
 * The demo's bulk upload, followed in the terminal where `npm start` runs: one line that updates
 * (rows read, refused, alerts processed by intake, rate, time left) until intake has processed
 * every alert of the file. Reads the import the seed started (var/demo-upload.json) through the
 * API, with the landlord's key, like any partner's client. Exits quietly when there is none.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { ImportStatus as Status } from '@unisson/bulk-import';

interface Follow {
  baseUrl: string;
  key: string;
  importId: string;
  rows: number;
}

const n = (v: number) => v.toLocaleString('fr-FR');

export function progressLine(s: Status, ratePerSecond: number): string {
  const read = `${n(s.rowsDone)}/${s.rowsTotal === null ? '…' : n(s.rowsTotal)} lues`;
  const received = s.alertsProcessed + s.alertsWaiting;
  const left = ratePerSecond > 0 && s.alertsWaiting > 0 ? `, reste ~${Math.ceil(s.alertsWaiting / ratePerSecond / 60)} min` : '';
  return `Dépôt de démo : ${read}, ${n(s.rowsInvalid)} refusées, ${n(s.alertsProcessed)}/${n(received)} alertes traitées (${Math.round(ratePerSecond)}/s${left})`;
}

async function main(): Promise<void> {
  const file = process.argv[2] ?? 'var/demo-upload.json';
  if (!existsSync(file)) return;
  const follow = JSON.parse(readFileSync(file, 'utf8')) as Follow;
  const out = process.stdout;
  const samples: Array<{ t: number; processed: number }> = [];
  let lastPrinted = 0;
  for (;;) {
    const response = await fetch(`${follow.baseUrl}/v1/alerts/imports/${follow.importId}`, {
      headers: { authorization: `Bearer ${follow.key}` },
    }).catch(() => null);
    if (!response?.ok) return; // The API stopped (Ctrl-C): npm start says so.
    const s = (await response.json()) as Status;
    samples.push({ t: Date.now(), processed: s.alertsProcessed });
    // The rate over the last minute: intake's pace now, not since the start.
    while (samples.length > 2 && samples[0].t < Date.now() - 60_000) samples.shift();
    const first = samples[0];
    const last = samples[samples.length - 1];
    const rate = last.t > first.t ? ((last.processed - first.processed) * 1000) / (last.t - first.t) : 0;
    const done = s.status === 'failed' || (s.status === 'completed' && s.alertsWaiting === 0);
    if (out.isTTY) out.write(`\r\x1b[2K${progressLine(s, rate)}`);
    else if (done || Date.now() - lastPrinted > 30_000) {
      out.write(`${progressLine(s, rate)}\n`);
      lastPrinted = Date.now();
    }
    if (done) {
      if (out.isTTY) out.write('\n');
      out.write(
        s.status === 'failed'
          ? `Dépôt de démo échoué : ${s.failure ?? 'raison inconnue'}\n`
          : `Dépôt de démo terminé : ${n(s.alertsCreated)} alertes créées, ${n(s.alertsReplayed)} déjà reçues, ${n(s.rowsInvalid)} lignes refusées, ${n(s.alertsProcessed)} traitées (ménages, procédures, plans).\n`,
      );
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  }
}

if (require.main === module) void main();
