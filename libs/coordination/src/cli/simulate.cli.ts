/**
 * npm run simulate -- --households N [--seed S] [--out var/simulation/rapport.html]
 * Prints progress on stderr, writes the HTML report, and prints the figures as one JSON line.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, resolve } from 'node:path';
import { generateHouseholds } from '../domain/simulation/household-generator';
import { runSimulation } from '../domain/simulation/simulation';
import { renderHtmlReport, summarise } from '../domain/simulation/simulation-report';
import { PlaybookCatalog } from '../playbooks/playbook-catalog';

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 && process.argv[index + 1] ? process.argv[index + 1] : fallback;
}

function main(): void {
  const households = Number(option('households', '10000'));
  const seed = Number(option('seed', '20261122'));
  const out = resolve(option('out', 'var/simulation/rapport-simulation.html'));
  if (!Number.isInteger(households) || households <= 0) {
    process.stderr.write('--households attend un entier positif, par exemple : npm run simulate -- --households 10000\n');
    process.exitCode = 2;
    return;
  }
  const catalog = PlaybookCatalog.load();
  const started = Date.now();
  const generated = generateHouseholds(households, seed);
  const tty = process.stderr.isTTY;
  const totals = runSimulation(
    generated,
    (territory) => catalog.forTerritory(territory, '2026-11-01'),
    (done) => {
      const line = `simulation : ${done}/${households} ménages (${Math.round((done / households) * 100)} %)`;
      if (tty) process.stderr.write(`\r${line}`);
      else if (done % 2000 === 0 || done === households) process.stderr.write(`${line}\n`);
    },
    seed,
  );
  if (tty) process.stderr.write('\n');
  const summary = summarise(totals, households);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, renderHtmlReport(summary, new Date().toISOString()));
  process.stderr.write(`rapport HTML : ${out}\n`);
  const { perStage, ...figures } = summary;
  const perStageLetters = Object.fromEntries(
    Object.entries(perStage).map(([stage, sides]) => [stage, { baseline: sides.baseline.letter, unisson: sides.unisson.letter }]),
  );
  const result = {
    ...figures,
    lettersPerStage: perStageLetters,
    report: out,
    seconds: (Date.now() - started) / 1000,
    machine: { cpu: cpus()[0]?.model, cpus: cpus().length, node: process.version, totalMemoryGb: Math.round(totalmem() / 2 ** 30) },
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
  if (Object.values(summary.targets).some((met) => !met)) process.exitCode = 1;
}

main();
