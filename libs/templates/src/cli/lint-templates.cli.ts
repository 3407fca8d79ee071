import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { extendLock } from '../domain/version-lock';
import { TemplateLibrary } from '../library/template-library';
import { lintLibrary, type LintFinding } from '../lint/library-linter';
import { shippedPurposes } from '../lint/playbook-purposes';

/**
 * npm run lint:templates            check the whole library, exit 1 when anything is wrong
 * npm run lint:templates -- --lock  record the content hash of every current version that is not
 *                                   locked yet (never rewrites an existing entry), then check
 * npm run lint:templates -- --root <dir>  check another copy of templates/ and locales/
 */

function describe(f: LintFinding): string {
  const where = [f.templateKey ?? 'common', f.locale, f.channel, f.variant].filter(Boolean).join(' / ');
  const key = f.key ? ` [${f.key}]` : '';
  const sentence = f.sentence ? `\n    « ${f.sentence} »` : '';
  return `✗ ${f.rule} — ${where}${key}: ${f.detail}${sentence}`;
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
  const report = lintLibrary(lib, { purposes: shippedPurposes() });
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
  process.stdout.write(`lint:templates — OK : ${templates} modèles × ${locales} langues, ${renders} rendus vérifiés, aucun problème.\n`);
  return 0;
}

try {
  process.exitCode = main();
} catch (e) {
  process.stderr.write(`lint:templates — erreur : ${(e as Error).message}\n`);
  process.exitCode = 2;
}
