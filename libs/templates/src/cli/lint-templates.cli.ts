import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { extendLock } from '../domain/version-lock';
import { loadLandlordLetters } from '../library/landlord-letter-source';
import { TemplateLibrary } from '../library/template-library';
import { lintLibrary, smsCosts, type LintFinding } from '../lint/library-linter';
import { shippedPurposes } from '../lint/playbook-purposes';
import { measureFalcRules } from '../domain/falc/measure';

/**
 * npm run lint:templates            check the whole library, exit 1 when anything is wrong
 * npm run lint:templates -- --lock  record the content hash of every current version that is not
 *                                   locked yet (never rewrites an existing entry), then check
 * npm run lint:templates -- --root <dir>  check another copy of templates/ and locales/
 * npm run lint:templates -- --sms-price 0.05  price of one SMS part in the cost report (default: budgets.json)
 */

function describe(f: LintFinding): string {
  const where = [f.templateKey ?? 'common', f.locale, f.channel, f.variant].filter(Boolean).join(' / ');
  const key = f.key ? ` [${f.key}]` : '';
  const sentence = f.sentence ? `\n    « ${f.sentence} »` : '';
  return `✗ ${f.rule} — ${where}${key}: ${f.detail}${sentence}`;
}

/** Per template x locale: encoding, parts and price of the short / detailed SMS. */
function printSmsCosts(lib: TemplateLibrary, price: number): void {
  const rows = smsCosts(lib, price);
  process.stdout.write(`Coût des SMS (${price} € la partie ; court / détaillé) :\n`);
  const byTemplate = new Map<string, string[]>();
  for (const r of rows) {
    if (r.length !== 'short') continue;
    const detailed = rows.find((d) => d.templateKey === r.templateKey && d.locale === r.locale && d.length === 'detailed')!;
    const cell = `${r.locale} ${r.encoding === 'GSM-7' ? 'GSM' : 'UCS2'} ${r.parts}/${detailed.parts} p. ${r.euros.toFixed(3)}/${detailed.euros.toFixed(3)} €`;
    (byTemplate.get(r.templateKey) ?? byTemplate.set(r.templateKey, []).get(r.templateKey)!).push(cell);
  }
  for (const [key, cells] of byTemplate) process.stdout.write(`  ${key.padEnd(32)} ${cells.join(' | ')}\n`);
}

function main(): number {
  const args = process.argv.slice(2);
  const rootAt = args.indexOf('--root');
  const root = rootAt >= 0 ? args[rootAt + 1] : undefined;
  let lib = TemplateLibrary.load(root);
  if (args.includes('--lock')) {
    const current = lib.allVersions().map((v) => ({ key: v.key, version: v.version, locale: v.locale, hash: v.hash }));
    const { lock, added } = extendLock(lib.sources.lock, current);
    writeFileSync(join(lib.sources.root, 'templates', 'versions.lock.json'), `${JSON.stringify(lock, null, 2)}\n`);
    process.stderr.write(`${added} version(s) ajoutée(s) à templates/versions.lock.json\n`);
    lib = TemplateLibrary.load(root);
  }
  const landlordLetters = loadLandlordLetters(root);
  const report = lintLibrary(lib, { purposes: shippedPurposes(), landlordLetters });
  const priceAt = args.indexOf('--sms-price');
  const price = priceAt >= 0 ? Number(args[priceAt + 1]) : lib.sources.budgets.smsPricePerPart;
  if (!(price >= 0)) throw new Error('--sms-price attend un prix positif par partie de SMS, par exemple --sms-price 0.045');
  printSmsCosts(lib, price);
  const falc = measureFalcRules();
  process.stdout.write(
    `Règles FALC sur le jeu du relecteur : ${falc.rejected.caught}/${falc.rejected.total} messages refusés détectés (${Math.round(falc.recall * 100)} %), ` +
      `${falc.signed.flagged}/${falc.signed.total} messages signés signalés à tort (${Math.round(falc.falsePositiveRate * 100)} %).\n`,
  );
  const byRule = new Map<string, number>();
  for (const f of report.findings) {
    process.stdout.write(`${describe(f)}\n`);
    byRule.set(f.rule, (byRule.get(f.rule) ?? 0) + 1);
  }
  const { templates, locales, renders } = report.checked;
  const summary = [...byRule.entries()].map(([r, n]) => `${r}: ${n}`).join(', ');
  if (report.findings.length > 0) {
    process.stdout.write(
      `\nlint:templates — ${report.findings.length} problème(s) sur ${templates} modèles × ${locales} langues (${renders} rendus vérifiés). ${summary}\n`,
    );
    return 1;
  }
  process.stdout.write(
    `lint:templates — OK : ${templates} modèles × ${locales} langues, ${renders} rendus vérifiés, ${landlordLetters.length} courrier(s) au bailleur (français seulement), aucun problème.\n`,
  );
  return 0;
}

try {
  process.exitCode = main();
} catch (e) {
  process.stderr.write(`lint:templates — erreur : ${(e as Error).message}\n`);
  process.exitCode = 2;
}
