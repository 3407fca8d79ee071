import { parseArgs } from 'node:util';
import { simulateExperiments } from '../domain/simulation';

/**
 * npm run simulate:experiments [-- --experiments 2000 --aa 2000 --days 28 --seed 12]
 * Progress on stderr; the figures as JSON on the last line of stdout.
 */
function main(): void {
  const { values } = parseArgs({
    options: {
      experiments: { type: 'string', default: '2000' },
      aa: { type: 'string', default: '2000' },
      days: { type: 'string', default: '28' },
      seed: { type: 'string', default: '12' },
    },
  });
  const options = {
    experiments: Number(values.experiments),
    aaExperiments: Number(values.aa),
    days: Number(values.days),
    seed: Number(values.seed),
  };
  for (const [name, value] of Object.entries(options)) {
    if (!Number.isInteger(value) || value < 0) {
      process.stderr.write(`--${name === 'aaExperiments' ? 'aa' : name} doit être un entier positif (reçu : ${String(value)})\n`);
      process.exit(2);
    }
  }
  const started = Date.now();
  process.stderr.write(
    `Simulation : ${options.experiments} expériences à taux connus, ${options.aaExperiments} expériences A/A regardées chaque jour pendant ${options.days} jours\n`,
  );
  const summary = simulateExperiments({
    ...options,
    onProgress: (done, total) => process.stderr.write(`  ${done}/${total} (${Math.round((100 * done) / total)} %)\n`),
  });
  const ok = summary.coverage >= 0.93 && summary.coverage <= 0.97 && summary.aaFalseWinnerRate <= 0.05;
  process.stderr.write(
    `Couverture des intervalles à 95 % : ${(summary.coverage * 100).toFixed(1)} % ; A/A déclarées gagnantes : ${(summary.aaFalseWinnerRate * 100).toFixed(1)} % ` +
      `(en regardant chaque jour sans règle séquentielle : ${(summary.aaNaivePeekingFalseWinnerRate * 100).toFixed(1)} %) — ${ok ? 'objectifs atteints' : 'OBJECTIFS MANQUÉS'}\n`,
  );
  process.stdout.write(`${JSON.stringify({ ...summary, seconds: (Date.now() - started) / 1000, ok })}\n`);
  if (!ok) process.exitCode = 1;
}

main();
