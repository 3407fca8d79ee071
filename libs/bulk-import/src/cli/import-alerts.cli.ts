/**
 * npm run import:alerts -- --file alertes.csv --key uk_… [--url http://127.0.0.1:3000] [--no-wait] [--no-follow]
 * Sends a landlord's CSV of arrears alerts to Unisson, shows the upload, the reading of the file
 * and then intake's processing of its alerts (unless --no-follow) with progress bars, and writes the error report beside the file (alertes.erreurs.csv).
 */
import { createReadStream, statSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { loadConfig } from '@unisson/config';
import type { ImportStatus, UploadAnswer } from '../http/bulk-import.openapi';
import { ProgressBar } from './progress-bar';

function argument(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  const file = argument('file');
  const key = argument('key') ?? process.env.UNISSON_API_KEY;
  const url = (argument('url') ?? loadConfig().api.publicBaseUrl).replace(/\/$/, '');
  if (!file || !key) fail('Usage : npm run import:alerts -- --file alertes.csv --key uk_… [--url http://127.0.0.1:3000]');
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    fail(`Fichier introuvable : ${file}. Vérifiez le chemin.`);
  }
  const bar = new ProgressBar();
  let sent = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      sent += chunk.length;
      bar.update(Math.round(sent / 1024), Math.round(size / 1024), 'Ko envoyés');
      done(null, chunk);
    },
  });
  const headers = { authorization: `Bearer ${key}`, 'content-type': 'text/csv', 'x-file-name': encodeURIComponent(basename(file)) };
  let response: Response;
  try {
    response = await fetch(`${url}/v1/alerts/imports`, {
      method: 'POST',
      headers,
      body: Readable.toWeb(createReadStream(file).pipe(counter)) as never,
      duplex: 'half',
    } as RequestInit);
  } catch (error) {
    fail(`Unisson ne répond pas à ${url} (${(error as Error).message}). Le service est-il démarré (npm start) ?`);
  }
  const answer = (await response.json().catch(() => ({}))) as UploadAnswer & {
    message?: string;
    errors?: Array<{ field: string; message: string }>;
  };
  if (!response.ok) {
    bar.end('');
    fail(
      `Dépôt refusé (${response.status}) : ${answer.message ?? 'erreur inconnue'}${(answer.errors ?? []).map((e) => `\n  - ${e.field} : ${e.message}`).join('')}`,
    );
  }
  bar.end(
    response.status === 200
      ? `Ce fichier avait déjà été déposé : suivi du dépôt ${answer.importId}.`
      : `Fichier reçu (dépôt ${answer.importId}).${answer.ignoredColumns?.length ? ` Colonnes ignorées : ${answer.ignoredColumns.join(', ')}.` : ''}`,
  );
  if (process.argv.includes('--no-wait')) return;
  let status: ImportStatus = answer;
  const started = Date.now();
  while (status.status === 'queued' || status.status === 'processing') {
    await new Promise((r) => setTimeout(r, 1000));
    const r = await fetch(`${url}${answer.links.self}`, { headers: { authorization: `Bearer ${key}` } });
    if (!r.ok) fail(`Suivi impossible (${r.status}) : réessayez avec la même commande, le dépôt ne sera pas refait.`);
    status = (await r.json()) as ImportStatus;
    const seconds = (Date.now() - started) / 1000;
    bar.update(status.rowsDone, status.rowsTotal, `lignes (${Math.round(status.rowsDone / Math.max(seconds, 1))} lignes/s)`);
  }
  bar.end(
    `${status.status === 'completed' ? 'Terminé' : `Échec : ${status.failure}`} — ${status.alertsCreated} alertes créées, ${status.alertsReplayed} déjà reçues, ${status.rowsInvalid} lignes refusées.`,
  );
  if (status.rowsInvalid > 0) {
    const report = await fetch(`${url}${status.links.errorsCsv}`, { headers: { authorization: `Bearer ${key}` } });
    const out = file.replace(/\.csv$/i, '') + '.erreurs.csv';
    writeFileSync(out, Buffer.from(await report.arrayBuffer()));
    process.stderr.write(`Rapport d’erreurs (ligne, colonne, raison) : ${out}\n`);
  }
  if (status.status !== 'completed') process.exitCode = 1;
  else if (!process.argv.includes('--no-follow')) await followIntake(bar, url, key, status);
}

/** After the file is read, intake works through its alerts (household, procedure, plan): a second bar. */
async function followIntake(bar: ProgressBar, url: string, key: string, first: ImportStatus): Promise<void> {
  let status = first;
  const started = Date.now();
  const from = status.alertsProcessed;
  while (status.alertsWaiting > 0) {
    const seconds = (Date.now() - started) / 1000;
    const rate = (status.alertsProcessed - from) / Math.max(seconds, 1);
    const left = rate > 0 ? ` ~${Math.ceil(status.alertsWaiting / rate / 60)} min` : '';
    bar.update(status.alertsProcessed, status.alertsProcessed + status.alertsWaiting, `alertes traitées (${Math.round(rate)}/s${left})`);
    await new Promise((r) => setTimeout(r, 2000));
    const r = await fetch(`${url}${status.links.self}`, { headers: { authorization: `Bearer ${key}` } });
    if (!r.ok) fail(`Suivi impossible (${r.status}) : le traitement continue dans Unisson ; relancez la commande pour le suivre.`);
    status = (await r.json()) as ImportStatus;
  }
  bar.end(`Traitement terminé : ${status.alertsProcessed} alertes traitées (ménages retrouvés ou créés, procédures, plans de contacts).`);
}

void main();
