import { checkCompleteness, type LibraryContent } from './completeness';
import { COMMON_RESOURCE_KEYS, TEMPLATE_RESOURCE_KEYS, type Resources, type TemplateDefinition } from './template-definition';
import { LOCALES, TEMPLATE_KEYS, type Locale, type TemplateKey } from './catalogue';

function def(key: TemplateKey): TemplateDefinition {
  return {
    key,
    version: 1,
    title: 't',
    stage: 's',
    purpose: 'p',
    channels: ['sms'],
    variables: { fullName: 'text', partnerName: 'text', partnerPhone: 'phone', debtAmount: 'money', months: 'count' },
    phrases: { unpaid: 'months' },
    pictogram: 'info',
    sectionPictograms: { what: 'info', todo: 'info', help: 'info', details: 'info' },
    sample: {},
    purposes: [],
    fallbacks: {},
  };
}

function templateResources(locale: Locale): Resources {
  const r: Record<string, string> = {};
  for (const k of TEMPLATE_RESOURCE_KEYS) r[k] = `texte ${k}`;
  r.what = 'Vous devez {{debtAmount}} pour {{unpaid}}.';
  const cats = new Intl.PluralRules(locale === 'fr-falc' ? 'fr' : locale).resolvedOptions().pluralCategories;
  for (const c of cats) r[`phrases.unpaid_${c}`] = `{{count}} loyer(s)`;
  return r;
}

function commonResources(): Resources {
  const r: Record<string, string> = {};
  for (const k of COMMON_RESOURCE_KEYS) r[k] = `commun ${k}`;
  r.greeting = 'Bonjour {{fullName}}';
  r.signoff = '{{partnerName}} {{partnerPhone}}';
  return r;
}

function content(mutate?: (locale: Locale, ns: Map<string, Resources>) => void): LibraryContent {
  const resources = new Map<Locale, Map<string, Resources>>();
  for (const l of LOCALES) {
    const ns = new Map<string, Resources>([['common', commonResources()]]);
    for (const k of TEMPLATE_KEYS) ns.set(k, templateResources(l));
    mutate?.(l, ns);
    resources.set(l, ns);
  }
  return { definitions: new Map(TEMPLATE_KEYS.map((k) => [k, def(k)])), resources };
}

describe('completeness', () => {
  it('accepts a library where every locale has every key, variable and plural form', () => {
    expect(checkCompleteness(content())).toEqual([]);
  });

  it.each([
    [
      'missing-key',
      (l: Locale, ns: Map<string, Resources>) => l === 'tr' && ns.set('hearing_reminder', omit(ns.get('hearing_reminder')!, 'voice')),
    ],
    [
      'unknown-key',
      (l: Locale, ns: Map<string, Resources>) => l === 'en' && ns.set('hearing_reminder', { ...ns.get('hearing_reminder')!, extra: 'x' }),
    ],
    [
      'variable-mismatch',
      (l: Locale, ns: Map<string, Resources>) =>
        l === 'ar' && ns.set('hearing_reminder', { ...ns.get('hearing_reminder')!, what: 'Sans montant {{unpaid}}' }),
    ],
    [
      'undeclared-variable',
      (l: Locale, ns: Map<string, Resources>) =>
        l === 'fr' && ns.set('hearing_reminder', { ...ns.get('hearing_reminder')!, voice: '{{court}}' }),
    ],
    [
      'plural-forms',
      (l: Locale, ns: Map<string, Resources>) =>
        l === 'ar' && ns.set('hearing_reminder', omit(ns.get('hearing_reminder')!, 'phrases.unpaid_two')),
    ],
    ['empty-text', (l: Locale, ns: Map<string, Resources>) => l === 'pt' && ns.set('common', { ...ns.get('common')!, footer: ' ' })],
    [
      'syntax',
      (l: Locale, ns: Map<string, Resources>) =>
        l === 'ro' && ns.set('hearing_reminder', { ...ns.get('hearing_reminder')!, voice: '{{debtAmount, currency}}' }),
    ],
  ] as const)('reports %s', (rule, mutate) => {
    const findings = checkCompleteness(content(mutate));
    expect(findings.map((f) => f.rule)).toContain(rule);
  });

  it('reports a declared variable no text uses', () => {
    const c = content();
    const d = c.definitions.get('cql_rehousing')!;
    (c.definitions as Map<TemplateKey, TemplateDefinition>).set('cql_rehousing', { ...d, variables: { ...d.variables, leaveBy: 'date' } });
    expect(checkCompleteness(c)).toEqual([
      expect.objectContaining({ rule: 'unused-variable', templateKey: 'cql_rehousing', key: 'leaveBy' }),
    ]);
  });

  it('accepts a tone override only when every locale has it', () => {
    const withOverride = content((l, ns) => {
      if (l === 'fr') ns.set('hearing_reminder', { ...ns.get('hearing_reminder')!, sms_short_firm: 'ferme' });
    });
    expect(checkCompleteness(withOverride).filter((f) => f.rule === 'missing-key')).toHaveLength(LOCALES.length - 1);
  });
});

function omit(r: Resources, key: string): Resources {
  const { [key]: _drop, ...rest } = r;
  void _drop;
  return rest;
}
