import { LOCALE_INFO, LOCALES, TEMPLATE_KEYS, TONES, type Locale, type TemplateKey } from './catalogue';
import { hasUnsupportedSyntax, variablesOf } from './compiled-text';
import {
  COMMON_RESOURCE_KEYS,
  COMMON_VARIABLES,
  MAY_BE_EMPTY,
  TEMPLATE_RESOURCE_KEYS,
  VISIT_RESOURCE_KEYS,
  type Resources,
  type TemplateDefinition,
} from './template-definition';

/**
 * Completeness of the library: every template x locale has the same keys as the French
 * reference, with the same variables; no missing, unknown or unused keys or variables; every
 * plural phrase has the CLDR categories its locale needs. Pure over already-loaded data.
 */

export interface CompletenessFinding {
  rule:
    | 'missing-key'
    | 'unknown-key'
    | 'variable-mismatch'
    | 'undeclared-variable'
    | 'unused-variable'
    | 'plural-forms'
    | 'empty-text'
    | 'syntax';
  templateKey?: TemplateKey;
  locale: Locale;
  key?: string;
  detail: string;
}

export interface LibraryContent {
  definitions: ReadonlyMap<TemplateKey, TemplateDefinition>;
  resources: ReadonlyMap<Locale, ReadonlyMap<string, Resources>>;
}

const REFERENCE: Locale = 'fr';
const PLURAL_KEY = /^phrases\.([A-Za-z0-9_]+?)_(zero|one|two|few|many|other)$/;

function baseKeys(res: Resources): Set<string> {
  return new Set(Object.keys(res).filter((k) => !PLURAL_KEY.test(k)));
}

export function checkCompleteness(content: LibraryContent): CompletenessFinding[] {
  const findings: CompletenessFinding[] = [];
  const refCommon = content.resources.get(REFERENCE)?.get('common') ?? {};
  for (const locale of LOCALES) {
    const byNs = content.resources.get(locale);
    const common = byNs?.get('common') ?? {};
    findings.push(...compareNamespace(undefined, locale, common, refCommon, [...COMMON_RESOURCE_KEYS], new Set(COMMON_VARIABLES)));
    for (const key of TEMPLATE_KEYS) {
      const def = content.definitions.get(key);
      if (!def) continue;
      const res = byNs?.get(key) ?? {};
      const ref = content.resources.get(REFERENCE)?.get(key) ?? {};
      const declared = new Set([...Object.keys(def.variables), ...Object.keys(def.phrases)]);
      // A template's own visit opening is optional (the common one serves otherwise), but once written in French, every locale has it.
      const required = [...TEMPLATE_RESOURCE_KEYS, ...VISIT_RESOURCE_KEYS.filter((k) => ref[k] !== undefined)];
      findings.push(...compareNamespace(key, locale, res, ref, required, declared));
      findings.push(...checkPhrases(def, locale, res));
      if (locale === REFERENCE) findings.push(...checkUnusedVariables(def, res, common));
    }
  }
  return findings;
}

function compareNamespace(
  templateKey: TemplateKey | undefined,
  locale: Locale,
  res: Resources,
  ref: Resources,
  required: string[],
  declared: Set<string>,
): CompletenessFinding[] {
  const out: CompletenessFinding[] = [];
  const where = templateKey ?? 'common';
  const keys = baseKeys(res);
  const refKeys = baseKeys(ref);
  const expected = new Set([...required, ...[...refKeys].filter((k) => isToneOverride(k, required))]);
  for (const k of expected) {
    if (!keys.has(k))
      out.push({ rule: 'missing-key', templateKey, locale, key: k, detail: `Clé "${k}" absente de locales/${locale}/${where}.json.` });
  }
  for (const k of keys) {
    if (!expected.has(k))
      out.push({
        rule: 'unknown-key',
        templateKey,
        locale,
        key: k,
        detail: `Clé "${k}" inconnue ou inutilisée dans locales/${locale}/${where}.json : supprimez-la ou ajoutez-la en français.`,
      });
  }
  for (const k of keys) {
    const text = res[k];
    if (text.trim() === '' && !MAY_BE_EMPTY.has(k))
      out.push({ rule: 'empty-text', templateKey, locale, key: k, detail: `Texte vide pour "${k}".` });
    if (hasUnsupportedSyntax(text))
      out.push({
        rule: 'syntax',
        templateKey,
        locale,
        key: k,
        detail: `"${k}" utilise une syntaxe i18next non prise en charge (format ou $t) : utilisez {{variable}}.`,
      });
    const used = variablesOf(text);
    for (const v of used) {
      if (!declared.has(v))
        out.push({
          rule: 'undeclared-variable',
          templateKey,
          locale,
          key: k,
          detail: `Variable {{${v}}} non déclarée dans templates/${where}/template.json.`,
        });
    }
    if (ref[k] !== undefined && locale !== REFERENCE) {
      const a = [...used].sort().join(',');
      const b = [...variablesOf(ref[k])].sort().join(',');
      if (a !== b)
        out.push({
          rule: 'variable-mismatch',
          templateKey,
          locale,
          key: k,
          detail: `Variables de "${k}" : {${a}} au lieu de {${b}} comme en français.`,
        });
    }
  }
  return out;
}

function isToneOverride(k: string, required: string[]): boolean {
  return TONES.some((t) => k.endsWith(`_${t}`) && required.includes(k.slice(0, -(t.length + 1))));
}

function checkPhrases(def: TemplateDefinition, locale: Locale, res: Resources): CompletenessFinding[] {
  const out: CompletenessFinding[] = [];
  const categories = new Intl.PluralRules(LOCALE_INFO[locale].intl).resolvedOptions().pluralCategories;
  const present = new Map<string, Set<string>>();
  for (const k of Object.keys(res)) {
    const m = PLURAL_KEY.exec(k);
    if (!m) continue;
    if (!(m[1] in def.phrases)) {
      out.push({
        rule: 'unknown-key',
        templateKey: def.key,
        locale,
        key: k,
        detail: `Phrase "${m[1]}" non déclarée dans "phrases" de template.json.`,
      });
      continue;
    }
    (present.get(m[1]) ?? present.set(m[1], new Set()).get(m[1])!).add(m[2]);
    // "one" and "two" may spell the number out ("شهر واحد", "شهرين"); every other form shows it.
    if (!['one', 'two'].includes(m[2]) && !res[k].includes('{{count}}'))
      out.push({ rule: 'plural-forms', templateKey: def.key, locale, key: k, detail: `"${k}" doit contenir {{count}}.` });
  }
  for (const phrase of Object.keys(def.phrases)) {
    const got = present.get(phrase) ?? new Set<string>();
    const missing = categories.filter((c) => !got.has(c));
    if (missing.length) {
      out.push({
        rule: 'plural-forms',
        templateKey: def.key,
        locale,
        key: `phrases.${phrase}`,
        detail: `Formes plurielles manquantes pour "${phrase}" : ${missing.join(', ')} (règles CLDR de ${locale}).`,
      });
    }
  }
  return out;
}

function checkUnusedVariables(def: TemplateDefinition, res: Resources, common: Resources): CompletenessFinding[] {
  const used = new Set<string>();
  for (const text of [...Object.values(res), ...Object.values(common)]) for (const v of variablesOf(text)) used.add(v);
  const out: CompletenessFinding[] = [];
  for (const v of Object.keys(def.variables)) {
    const drivesPhrase = Object.values(def.phrases).includes(v);
    if (!used.has(v) && !drivesPhrase)
      out.push({
        rule: 'unused-variable',
        templateKey: def.key,
        locale: REFERENCE,
        key: v,
        detail: `Variable "${v}" déclarée mais jamais utilisée.`,
      });
  }
  for (const p of Object.keys(def.phrases)) {
    if (!used.has(p))
      out.push({
        rule: 'unused-variable',
        templateKey: def.key,
        locale: REFERENCE,
        key: p,
        detail: `Phrase "${p}" déclarée mais jamais utilisée.`,
      });
  }
  return out;
}
