import { CHANNELS, LOCALES, allVariants, variantId, type Channel, type Locale, type TemplateKey, type Variant } from '../domain/catalogue';
import { checkCoverage, type PlannedPurpose } from '../domain/coverage';
import { purposeIndex, wordingChannel } from '../domain/wording-facts';
import type { TemplateLibrary } from '../library/template-library';
import { checkRender, type LintFinding, type RenderCheck } from '../lint/library-linter';

/**
 * The review list: every purpose the shipped playbooks plan × channel × locale × variant, with
 * what the linter finds on that very render (no dedupe: a translator working on the Turkish
 * detailed SMS sees its findings there), the SMS encoding, parts and price, and the facts the
 * planner cannot supply. Errors fail `lint:templates`; notices are what a reviewer should weigh
 * (an SMS in UCS-2 costs two to three times as much).
 */

export interface ReviewFinding {
  rule: string;
  severity: 'error' | 'notice';
  /** French name of the check, for the page. */
  label: string;
  detail: string;
  sentence?: string;
}

export interface ReviewRow {
  purpose: string;
  stage: string;
  templateKey: TemplateKey | null;
  title: string | null;
  channel: Channel;
  locale: Locale;
  variant: string;
  version: number | null;
  hash: string | null;
  sms: { encoding: string; parts: number; euros: number; nonGsmCharacters: string[] } | null;
  findings: ReviewFinding[];
}

const RULE_LABELS: Array<[RegExp, string]> = [
  [/^sms-encoding$/, 'Encodage SMS'],
  [/^sms-budget$/, 'Parties de SMS'],
  [/^sms-cost$/, 'Coût SMS'],
  [/^letter-length$/, 'Longueur de la lettre'],
  [/^render$/, 'Rendu impossible'],
  [/^unknown-fact$/, 'Fait manquant'],
  [/^unworded-purpose$/, 'Sans modèle'],
  [/readability$/, 'Lisibilité'],
  [/^falc\//, 'FALC'],
];

export function ruleLabel(rule: string): string {
  return RULE_LABELS.find(([re]) => re.test(rule))?.[1] ?? rule;
}

const error = (f: Pick<LintFinding, 'rule' | 'detail' | 'sentence'>): ReviewFinding => ({
  rule: f.rule,
  severity: 'error',
  label: ruleLabel(f.rule),
  detail: f.detail,
  ...(f.sentence ? { sentence: f.sentence } : {}),
});

export function buildReviewList(lib: TemplateLibrary, purposes: readonly PlannedPurpose[], smsPricePerPart: number): ReviewRow[] {
  return [...reviewRowsByPurpose(lib, purposes, smsPricePerPart)].flat();
}

/**
 * The review list one purpose at a time (a purpose is a few hundred renders), so a server can
 * give the event loop back between purposes instead of blocking other requests for seconds.
 */
export function* reviewRowsByPurpose(
  lib: TemplateLibrary,
  purposes: readonly PlannedPurpose[],
  smsPricePerPart: number,
): Generator<ReviewRow[], void, void> {
  const definitions = [...lib.sources.definitions.values()];
  const byPurpose = purposeIndex(definitions);
  const renders = new Map<string, RenderCheck>();
  const checked = (key: TemplateKey, locale: Locale, channel: Channel, variant: Variant) => {
    const id = `${key}|${locale}|${channel}|${variantId(variant)}`;
    let c = renders.get(id);
    if (!c) renders.set(id, (c = checkRender(lib, key, locale, channel, variant)));
    return c;
  };
  for (const purpose of purposes) {
    if (purpose.addressee === 'landlord') continue; // a letter to the landlord is not a household template (templates/landlord/)
    const rows: ReviewRow[] = [];
    const def = byPurpose.get(purpose.id);
    const coverage = checkCoverage(def ? [def] : definitions, [purpose]).filter((f) => f.rule !== 'unused-template');
    if (!def) {
      const channels = [...new Set(purpose.channels.map(wordingChannel).filter((c): c is Channel => c !== null))];
      for (const channel of channels)
        for (const locale of LOCALES)
          rows.push({
            purpose: purpose.id,
            stage: purpose.stage,
            templateKey: null,
            title: null,
            channel,
            locale,
            variant: 'toutes',
            version: null,
            hash: null,
            sms: null,
            findings: coverage.map(error),
          });
      yield rows;
      continue;
    }
    for (const channel of CHANNELS) {
      if (!def.channels.includes(channel)) continue;
      const ofChannel = coverage.filter((f) => !f.channel || wordingChannel(f.channel) === channel).map(error);
      for (const locale of LOCALES) {
        const tv = lib.version(def.key, locale);
        for (const variant of allVariants()) {
          const c = checked(def.key, locale, channel, variant);
          const findings = [...ofChannel, ...c.findings.map(error)];
          let sms: ReviewRow['sms'] = null;
          if (c.sms) {
            sms = { ...c.sms, euros: Math.round(c.sms.parts * smsPricePerPart * 1000) / 1000 };
            if (c.sms.encoding !== 'GSM-7' || c.sms.parts > 1)
              findings.push({
                rule: 'sms-cost',
                severity: 'notice',
                label: ruleLabel('sms-cost'),
                detail:
                  `${c.sms.parts} parties en ${c.sms.encoding}` +
                  (c.sms.nonGsmCharacters.length ? ` (hors GSM-7 : ${shortList(c.sms.nonGsmCharacters)})` : '') +
                  ` : ${sms.euros.toFixed(3).replace('.', ',')} € à ${String(smsPricePerPart).replace('.', ',')} € la partie.`,
              });
          }
          rows.push({
            purpose: purpose.id,
            stage: purpose.stage,
            templateKey: def.key,
            title: def.title,
            channel,
            locale,
            variant: variantId(variant),
            version: tv.version,
            hash: tv.hash,
            sms,
            findings,
          });
        }
      }
    }
    yield rows;
  }
}

/** The characters that force UCS-2, a few of them: an Arabic SMS is UCS-2 by its alphabet, not by one letter. */
function shortList(chars: readonly string[]): string {
  return chars.length > 6 ? `${chars.slice(0, 6).join(' ')}… ${chars.length} caractères` : chars.join(' ');
}

export interface ReviewFilter {
  locale?: Locale;
  channel?: Channel;
  purpose?: string;
  /** all rows, rows with any finding (notices included), rows with an error. */
  findings: 'all' | 'any' | 'errors';
  page: number;
  perPage: number;
}

export interface ReviewPage {
  total: number;
  page: number;
  pages: number;
  perPage: number;
  /** Over the whole list, whatever the filter: what is left to review. */
  counts: { rows: number; withFindings: number; withErrors: number };
  rows: ReviewRow[];
}

export function filterReviewList(all: readonly ReviewRow[], f: ReviewFilter): ReviewPage {
  const hasError = (r: ReviewRow) => r.findings.some((x) => x.severity === 'error');
  const matching = all.filter(
    (r) =>
      (!f.locale || r.locale === f.locale) &&
      (!f.channel || r.channel === f.channel) &&
      (!f.purpose || r.purpose === f.purpose) &&
      (f.findings === 'all' || (f.findings === 'any' ? r.findings.length > 0 : hasError(r))),
  );
  const pages = Math.max(1, Math.ceil(matching.length / f.perPage));
  const page = Math.min(Math.max(1, f.page), pages);
  return {
    total: matching.length,
    page,
    pages,
    perPage: f.perPage,
    counts: { rows: all.length, withFindings: all.filter((r) => r.findings.length > 0).length, withErrors: all.filter(hasError).length },
    rows: matching.slice((page - 1) * f.perPage, page * f.perPage),
  };
}
