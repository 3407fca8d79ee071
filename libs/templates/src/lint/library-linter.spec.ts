import type { Locale } from '../domain/catalogue';
import type { Resources } from '../domain/template-definition';
import { loadLandlordLetters } from '../library/landlord-letter-source';
import { TemplateLibrary } from '../library/template-library';
import { loadTemplateSources, type TemplateSources } from '../library/template-source';
import { lintLibrary, smsCosts } from './library-linter';
import { shippedPurposes } from './playbook-purposes';

const sources = loadTemplateSources();

function withText(locale: Locale, ns: string, patch: Record<string, string | undefined>): TemplateSources {
  const resources = new Map(sources.resources);
  const byNs = new Map(resources.get(locale));
  const next: Record<string, string> = { ...(byNs.get(ns) as Resources) };
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) delete next[k];
    else next[k] = v;
  }
  byNs.set(ns, next);
  resources.set(locale, byNs);
  return { ...sources, resources };
}

describe('lint:templates on the real library', () => {
  it('passes: every template x channel x locale renders, FALC and budgets hold, versions are locked', () => {
    const report = lintLibrary(new TemplateLibrary(sources), { purposes: shippedPurposes(), landlordLetters: loadLandlordLetters() });
    expect(report.findings).toEqual([]);
    const offered = [...sources.definitions.values()].reduce((n, d) => n + d.channels.length, 0);
    // every offered channel x 8 locales x 12 variants (3 tones x 2 lengths x with/without pictograms)
    expect(report.checked.renders).toBe(offered * 8 * 12);
  });
});

describe('lint:templates fails where it should', () => {
  const lint = (s: TemplateSources) => lintLibrary(new TemplateLibrary(s)).findings;

  it('names the template, locale, channel, sentence and rule of a FALC problem', () => {
    const long =
      "Vous êtes convoqué par le tribunal judiciaire à l'audience de vendredi prochain pour examiner la résiliation de votre bail.";
    const findings = lint(
      withText('fr-falc', 'hearing_reminder', { voice: `${long}\nVenez {{hearingDate}} {{hearingTime}} {{courtAddress}}.` }),
    );
    expect(findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          rule: 'falc/sentence-length',
          templateKey: 'hearing_reminder',
          locale: 'fr-falc',
          channel: 'voice',
          sentence: long,
        }),
        expect.objectContaining({ rule: 'falc/active-voice', templateKey: 'hearing_reminder', sentence: long }),
      ]),
    );
  });

  it('refuses a change to a locked version until the version is bumped', () => {
    const edited = withText('fr', 'cql_rehousing', { voice: 'Nouveau texte {{leaveBy}}.' });
    expect(lint(edited)).toEqual(
      expect.arrayContaining([expect.objectContaining({ rule: 'locked-version-changed', templateKey: 'cql_rehousing', locale: 'fr' })]),
    );
    const def = edited.definitions.get('cql_rehousing')!;
    const bumped: TemplateSources = {
      ...edited,
      definitions: new Map(edited.definitions).set('cql_rehousing', { ...def, version: def.version + 1 }),
    };
    const rules = lint(bumped).map((f) => f.rule);
    expect(rules).not.toContain('locked-version-changed');
    expect(rules).toContain('version-not-locked');
  });

  it('reports an SMS over its budget, with its encoding', () => {
    const findings = lint(
      withText('en', 'winter_truce_information', {
        sms_short: `{{partnerName}} {{partnerPhone}} {{truceEnd}} ${'long words '.repeat(40)}`,
      }),
    );
    const f = findings.find((x) => x.rule === 'sms-budget');
    expect(f).toMatchObject({ templateKey: 'winter_truce_information', locale: 'en', channel: 'sms' });
    expect(f?.detail).toContain('GSM-7');
  });

  it('refuses a French SMS that leaves GSM-7 (one ê triples the parts) and a curly apostrophe in any SMS', () => {
    const fr = lint(
      withText('fr', 'winter_truce_information', {
        sms_short: '{{partnerName}} : même en hiver, appelez le {{partnerPhone}} ({{truceEnd}}).',
      }),
    );
    expect(fr).toEqual(expect.arrayContaining([expect.objectContaining({ rule: 'sms-encoding', locale: 'fr', channel: 'sms' })]));
    expect(fr.find((f) => f.rule === 'sms-encoding')?.detail).toContain('ê');
    const curly = lint(
      withText('es', 'winter_truce_information', { sms_short: '{{partnerName}}: l’hiver {{partnerPhone}} {{truceEnd}}.' }),
    );
    expect(curly).toEqual(expect.arrayContaining([expect.objectContaining({ rule: 'sms-encoding', locale: 'es' })]));
  });

  it('prices every template x locale SMS at the configured price per part', () => {
    const costs = smsCosts(new TemplateLibrary(sources), 0.05);
    const fr = costs.find((c) => c.templateKey === 'first_arrears_information' && c.locale === 'fr' && c.length === 'short')!;
    expect(fr).toMatchObject({ encoding: 'GSM-7' });
    expect(fr.euros).toBeCloseTo(fr.parts * 0.05, 5);
    const ar = costs.find((c) => c.templateKey === 'first_arrears_information' && c.locale === 'ar' && c.length === 'short')!;
    expect(ar.encoding).toBe('UCS-2');
    expect(costs.filter((c) => c.locale === 'fr' || c.locale === 'fr-falc').every((c) => c.encoding === 'GSM-7' && c.parts <= 2)).toBe(
      true,
    );
  });

  it('reports a letter longer than its page budget', () => {
    const findings = lint(withText('es', 'hearing_reminder', { details: 'Una frase bastante larga para llenar la carta. '.repeat(120) }));
    expect(findings).toEqual(expect.arrayContaining([expect.objectContaining({ rule: 'letter-length', locale: 'es', channel: 'letter' })]));
  });

  it('reports a missing translation and the renders it breaks', () => {
    const findings = lint(withText('tr', 'after_judgment_explanation', { voice: undefined }));
    expect(findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ rule: 'missing-key', templateKey: 'after_judgment_explanation', locale: 'tr', key: 'voice' }),
        expect.objectContaining({ rule: 'render', templateKey: 'after_judgment_explanation', locale: 'tr', channel: 'voice' }),
      ]),
    );
  });

  it('reports standard French below its readability minimum', () => {
    const heavy =
      "L'administration départementale compétente procédera ultérieurement à l'instruction approfondie de votre réclamation indemnitaire relative aux obligations locatives contractuelles.";
    const findings = lint(withText('fr', 'winter_truce_information', { voice: `${heavy} {{truceEnd}}` }));
    expect(findings).toEqual(expect.arrayContaining([expect.objectContaining({ rule: 'readability', locale: 'fr', channel: 'voice' })]));
  });
});
