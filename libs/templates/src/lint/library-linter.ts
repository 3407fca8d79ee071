import {
  CHANNELS,
  LOCALES,
  REQUIRED_CHANNELS,
  TEMPLATE_KEYS,
  allVariants,
  variantId,
  type Channel,
  type Locale,
  type TemplateKey,
  type Variant,
} from '../domain/catalogue';
import { checkArabicAddress } from '../domain/arabic-address';
import { checkCompleteness } from '../domain/completeness';
import { checkCoverage, type PlannedPurpose } from '../domain/coverage';
import { checkFalc, checkReadability, DEFAULT_FALC_OPTIONS } from '../domain/falc/rules';
import { estimateLetterPages } from '../domain/letter-length';
import { measureSms } from '../domain/sms';
import { checkVersionLock, type CurrentVersion } from '../domain/version-lock';
import { checkLandlordCoverage, checkLandlordLetter, type LandlordLetter } from '../domain/landlord-letter';
import type { TemplateLibrary } from '../library/template-library';

/** Locales whose SMS must stay in GSM-7 (French and FALC French: 160 characters a part, not 70). */
const GSM_ONLY_LOCALES: readonly Locale[] = ['fr', 'fr-falc', 'en'];

/** One problem found by `npm run lint:templates`, precise enough to fix without searching. */
export interface LintFinding {
  rule: string;
  templateKey?: TemplateKey;
  locale?: Locale;
  channel?: Channel;
  variant?: string;
  key?: string;
  sentence?: string;
  detail: string;
}

export interface LintReport {
  findings: LintFinding[];
  checked: { templates: number; locales: number; renders: number };
}

/**
 * Runs every machine check on the library: coverage of the playbooks' purposes (when given),
 * completeness, rendering, FALC, readability, budgets, lock.
 */
export function lintLibrary(
  lib: TemplateLibrary,
  options: { purposes?: readonly PlannedPurpose[]; landlordLetters?: readonly LandlordLetter[] } = {},
): LintReport {
  const findings: LintFinding[] = [];
  // Letters to the private landlord (French only, declared so): checked on their own rules, and
  // every purpose a playbook addresses to the landlord must have one (none given: none exists).
  const landlordLetters = options.landlordLetters ?? [];
  const frMin = lib.sources.budgets.readability.frMin;
  for (const letter of landlordLetters)
    findings.push(...checkLandlordLetter(letter, (text) => checkReadability(text, frMin)?.detail ?? null).map(asLintFinding));
  if (options.purposes) {
    const householdPurposes = new Set([...lib.sources.definitions.values()].flatMap((d) => d.purposes));
    findings.push(...checkLandlordCoverage(landlordLetters, householdPurposes, options.purposes).map(asLintFinding));
  }
  const content = { definitions: lib.sources.definitions, resources: lib.sources.resources };
  if (options.purposes)
    findings.push(
      ...checkCoverage(lib.sources.definitions.values(), options.purposes).map((f) => ({
        rule: f.rule,
        templateKey: f.templateKey,
        key: f.purpose,
        detail: f.detail,
      })),
    );
  findings.push(...checkCompleteness(content));
  findings.push(...checkArabicAddress(lib.sources.resources.get('ar')).map((f) => ({ ...f, locale: 'ar' as const })));
  const current: CurrentVersion[] = lib.allVersions().map((v) => ({ key: v.key, version: v.version, locale: v.locale, hash: v.hash }));
  findings.push(
    ...checkVersionLock(current, lib.sources.lock).map((f) => ({ rule: f.rule, templateKey: f.key, locale: f.locale, detail: f.detail })),
  );
  const seen = new Set<string>();
  let renders = 0;
  for (const key of TEMPLATE_KEYS) {
    const def = lib.definition(key);
    for (const locale of LOCALES) {
      for (const channel of CHANNELS) {
        if (!def.channels.includes(channel)) {
          if (!REQUIRED_CHANNELS.includes(channel)) continue; // the home-visit note, only where a visit is planned
          findings.push({
            rule: 'missing-channel',
            templateKey: key,
            locale,
            channel,
            detail: `Le canal ${channel} manque dans templates/${key}/template.json.`,
          });
          continue;
        }
        for (const variant of allVariants()) {
          renders++;
          const where = { templateKey: key, locale, channel, variant: variantId(variant) };
          const checked = checkRender(lib, key, locale, channel, variant);
          if (checked.renderFailed) {
            findings.push(...checked.findings);
            break; // the other variants fail for the same reason
          }
          const [budget, wording] = partition(checked.findings, (f) => !f.sentence);
          findings.push(...budget, ...dedupe(seen, where, wording as Array<LintFinding & { sentence: string }>));
        }
      }
    }
  }
  return { findings, checked: { templates: TEMPLATE_KEYS.length, locales: LOCALES.length, renders } };
}

function asLintFinding(f: { rule: string; templateKey: string; detail: string }): LintFinding {
  // Landlord letters are not household templates (TemplateKey): the key goes in `key`.
  return { rule: f.rule, key: f.templateKey, detail: f.detail };
}

/** What one render of a template (locale x channel x variant) shows, before the linter's dedupe. */
export interface RenderCheck {
  findings: LintFinding[];
  /** The render itself failed (missing fact, bad sample): the other checks did not run. */
  renderFailed: boolean;
  text?: string;
  sms?: { encoding: string; parts: number; nonGsmCharacters: string[] };
}

/**
 * Every machine check on one render: budgets (SMS encoding and parts, letter length), readability
 * (French, FALC) and the FALC rules, each finding with its sentence. Shared by the linter and the
 * review list, which shows every variant's findings.
 */
export function checkRender(lib: TemplateLibrary, key: TemplateKey, locale: Locale, channel: Channel, variant: Variant): RenderCheck {
  const def = lib.definition(key);
  const { budgets } = lib.sources;
  const where = { templateKey: key, locale, channel, variant: variantId(variant) };
  let text: string;
  let segments: number | undefined;
  try {
    if (channel === 'email') {
      // Email text part: same words as the HTML part (the MJML HTML is checked by tests and preview).
      text = lib.renderSync({ templateKey: key, channel: 'letter', locale, variant, variables: def.sample }).text;
    } else {
      const r = lib.renderSync({ templateKey: key, channel, locale, variant, variables: def.sample });
      text = (r.subject ? `${r.subject}\n` : '') + r.text;
      segments = r.segments;
    }
  } catch (e) {
    return { renderFailed: true, findings: [{ ...where, rule: 'render', detail: `Rendu impossible : ${(e as Error).message}` }] };
  }
  const findings: LintFinding[] = [...checkChannelBudgets(lib, where, variant, text, segments)];
  const textChannel = channel === 'email' ? 'letter' : channel;
  if (locale === 'fr-falc' || locale === 'fr') {
    const skeleton = lib.renderSkeleton({ templateKey: key, channel: textChannel, locale, variant });
    const min = locale === 'fr' ? budgets.readability.frMin : budgets.readability.falcMin;
    const r = checkReadability((skeleton.subject ? `${skeleton.subject}\n` : '') + skeleton.text, min);
    if (r) findings.push({ ...where, rule: `${locale === 'fr' ? '' : 'falc/'}readability`, sentence: r.sentence, detail: r.detail });
  }
  if (locale === 'fr-falc') {
    // The authors' words only: names, addresses and numbers filled in are not theirs to simplify.
    const skeleton = lib.renderSkeleton({ templateKey: key, channel: textChannel, locale, variant }, 'Awa');
    const written = (skeleton.subject ? `${skeleton.subject}\n` : '') + skeleton.text;
    for (const f of checkFalc(written, { ...DEFAULT_FALC_OPTIONS, minReadability: -Infinity }))
      findings.push({ ...where, rule: `falc/${f.rule}`, sentence: f.sentence, detail: f.detail });
  }
  const out: RenderCheck = { findings, renderFailed: false, text };
  if (channel === 'sms') {
    const size = measureSms(text);
    out.sms = { encoding: size.encoding, parts: size.segments, nonGsmCharacters: size.nonGsmCharacters };
  }
  return out;
}

function partition<T>(items: readonly T[], test: (item: T) => boolean): [T[], T[]] {
  const yes: T[] = [];
  const no: T[] = [];
  for (const item of items) (test(item) ? yes : no).push(item);
  return [yes, no];
}

function checkChannelBudgets(
  lib: TemplateLibrary,
  where: { templateKey: TemplateKey; locale: Locale; channel: Channel; variant: string },
  variant: Variant,
  text: string,
  segments: number | undefined,
): LintFinding[] {
  // SMS text is the rendered body (`text` holds it for the sms channel).
  const { budgets } = lib.sources;
  if (where.channel === 'sms' && segments !== undefined) {
    const size = measureSms(text);
    if (/[\u2018\u2019]/.test(text))
      return [{ ...where, rule: 'sms-encoding', detail: "Apostrophe typographique (’) dans un SMS : écrivez ' (elle force l'UCS-2)." }];
    if (GSM_ONLY_LOCALES.includes(where.locale) && size.encoding !== 'GSM-7')
      return [
        {
          ...where,
          rule: 'sms-encoding',
          detail: `SMS en ${size.encoding} : en ${where.locale}, un SMS doit rester en GSM-7. Caractères à remplacer : ${size.nonGsmCharacters.join(' ')}.`,
        },
      ];
    const base = budgets.sms[where.locale]?.[variant.length];
    if (base === undefined)
      return [{ ...where, rule: 'sms-budget', detail: `Pas de budget SMS pour ${where.locale} dans templates/budgets.json.` }];
    const max = base + (variant.pictograms ? budgets.smsPictogramAllowance : 0);
    if (segments > max) {
      const hint = size.nonGsmCharacters.length ? ` Caractères hors GSM-7 : ${size.nonGsmCharacters.join(' ')}.` : '';
      return [
        {
          ...where,
          rule: 'sms-budget',
          detail: `${segments} segments SMS en ${size.encoding} (maximum ${max} pour ${where.locale}, ${variant.length}) : raccourcissez le texte.${hint}`,
        },
      ];
    }
  }
  if (where.channel === 'letter') {
    const pages = estimateLetterPages(text, budgets.letter.charsPerLine, budgets.letter.linesPerPage);
    const max = budgets.letter.maxPages[variant.length];
    if (pages > max)
      return [{ ...where, rule: 'letter-length', detail: `Environ ${pages} pages (maximum ${max}) : raccourcissez la lettre.` }];
  }
  return [];
}

/**
 * Each sentence reported once per template, locale and rule (variants repeat the same sentences);
 * readability once per template, locale and channel (the lowest-scoring variant is not searched).
 */
function dedupe(
  seen: Set<string>,
  where: { templateKey: TemplateKey; locale: Locale; channel: Channel; variant: string },
  found: Array<{ rule: string; sentence: string; detail: string }>,
): LintFinding[] {
  const out: LintFinding[] = [];
  for (const f of found) {
    const scope = f.rule.endsWith('readability') ? where.channel : f.sentence;
    const id = `${where.templateKey}|${where.locale}|${f.rule}|${scope}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push({ ...where, rule: f.rule, sentence: f.sentence, detail: f.detail });
  }
  return out;
}

/** What one SMS of a template costs in one locale (default tone, no pictogram). */
export interface SmsCost {
  templateKey: TemplateKey;
  locale: Locale;
  length: Variant['length'];
  encoding: string;
  parts: number;
  euros: number;
}

/** Encoding, parts and price of every template's SMS in every locale, short and detailed. */
export function smsCosts(lib: TemplateLibrary, pricePerPart = lib.sources.budgets.smsPricePerPart): SmsCost[] {
  const out: SmsCost[] = [];
  for (const key of TEMPLATE_KEYS) {
    const def = lib.definition(key);
    for (const locale of LOCALES)
      for (const length of ['short', 'detailed'] as const) {
        const r = lib.renderSync({
          templateKey: key,
          channel: 'sms',
          locale,
          variant: { length, pictograms: false },
          variables: def.sample,
        });
        const parts = r.segments ?? 0;
        out.push({
          templateKey: key,
          locale,
          length,
          encoding: r.encoding ?? 'GSM-7',
          parts,
          euros: Math.round(parts * pricePerPart * 1000) / 1000,
        });
      }
  }
  return out;
}
