/**
 * npm run simulate -- --households N [--seed S] [--territory 75] [--out var/simulation/rapport.html]
 * Without --territory, households are spread over 93, 38 and 91 (their own playbooks); with it,
 * they all live in that département (75, or any without a playbook of its own: the national rules).
 * Prints progress on stderr, writes the HTML report, and prints the figures as one JSON line.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, resolve } from 'node:path';
import { DEPARTEMENT_CODE_RULE, isDepartement } from '@unisson/vocabulary';
import { DEFAULT_TERRITORIES, generateHouseholds } from '../domain/simulation/household-generator';
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
  const territory = option('territory', '');
  if (territory && !isDepartement(territory)) {
    process.stderr.write(`--territory ${DEPARTEMENT_CODE_RULE}, par exemple : --territory 75\n`);
    process.exitCode = 2;
    return;
  }
  const catalog = PlaybookCatalog.load();
  const started = Date.now();
  const generated = generateHouseholds(households, seed, territory ? [territory] : DEFAULT_TERRITORIES);
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
    territories: territory ? [territory] : [...new Set(DEFAULT_TERRITORIES)],
    playbooks: [...new Set(generated.map((h) => catalog.forTerritory(h.territory, '2026-11-01').version))],
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
