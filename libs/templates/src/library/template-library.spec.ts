import { CHANNELS, LOCALES, TEMPLATE_KEYS, type Locale } from '../domain/catalogue';
import { measureSms } from '../domain/sms';
import { I18nextReference } from './i18next-reference';
import { collapseLayoutWhitespace, TemplateLibrary, TemplateRenderError } from './template-library';
import { loadTemplateSources, type TemplateSources } from './template-source';

const sources = loadTemplateSources();
const lib = new TemplateLibrary(sources);

describe('TemplateLibrary', () => {
  it.each(LOCALES.flatMap((l) => TEMPLATE_KEYS.map((k) => [k, l] as const)))('renders %s in %s on every channel', async (key, locale) => {
    for (const channel of CHANNELS.filter((c) => lib.definition(key).channels.includes(c))) {
      const r = await lib.render({ templateKey: key, channel, locale, variables: lib.definition(key).sample });
      expect(r.text.length).toBeGreaterThan(20);
      expect(r.text).not.toMatch(/\{\{|\[\[\[|%%/);
      if (channel === 'email') expect(r.html).toContain('<html');
    }
  });

  it('writes the sample amount, date and phone into a French SMS, GSM-7 and without no-break spaces', () => {
    const r = lib.renderSync({
      templateKey: 'first_arrears_information',
      channel: 'sms',
      locale: 'fr',
      variant: { pictograms: false },
      variables: lib.definition('first_arrears_information').sample,
    });
    expect(r.text).toContain('2 loyers impayés (1 234,56 €)');
    expect(r.text).toContain('01 48 95 00 00');
    expect(r.text).toMatch(/STOP/);
    expect(r).toMatchObject({ encoding: 'GSM-7', segments: measureSms(r.text).segments, direction: 'ltr' });
  });

  it('chooses the CLDR plural form from the count', () => {
    const sample = lib.definition('first_arrears_information').sample;
    const one = lib.renderSync({
      templateKey: 'first_arrears_information',
      channel: 'sms',
      locale: 'fr',
      variables: { ...sample, monthsUnpaid: 1 },
    });
    expect(one.text).toContain('1 loyer impayé');
  });

  it('changes the words with the tone and the length', () => {
    const base = {
      templateKey: 'hearing_reminder' as const,
      channel: 'letter' as const,
      locale: 'fr' as const,
      variables: lib.definition('hearing_reminder').sample,
    };
    const firm = lib.renderSync({ ...base, variant: { tone: 'firm' } }).text;
    const reassuring = lib.renderSync({ ...base, variant: { tone: 'reassuring' } }).text;
    const detailed = lib.renderSync({ ...base, variant: { length: 'detailed' } }).text;
    expect(firm).not.toBe(reassuring);
    expect(detailed.length).toBeGreaterThan(reassuring.length);
    expect(detailed).toContain('Pour en savoir plus');
  });

  it('escapes variables in HTML but not in text', async () => {
    const variables = { ...lib.definition('hearing_reminder').sample, fullName: '<script>alert(1)</script>' };
    const r = await lib.render({ templateKey: 'hearing_reminder', channel: 'email', locale: 'fr', variables });
    expect(r.html).not.toContain('<script>alert(1)</script>');
    expect(r.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(r.text).toContain('<script>alert(1)</script>');
  });

  it('sends e-mails without MJML’s indentation, showing the same words', async () => {
    const r = await lib.render({
      templateKey: 'hearing_reminder',
      channel: 'email',
      locale: 'fr',
      variables: lib.definition('hearing_reminder').sample,
    });
    expect(r.html).not.toMatch(/\n[ \t]/);
    expect(r.html).toContain(r.subject);
    // One line break where a run of spaces and breaks was: HTML shows both as one space.
    expect(collapseLayoutWhitespace('<td>\n      <div\n   style="x"\n  >Votre  audience\n\n   le 3 mars</div>')).toBe(
      '<td>\n<div\nstyle="x"\n>Votre  audience\nle 3 mars</div>',
    );
  });

  it('lays Arabic emails out right to left and keeps phone numbers left to right', async () => {
    const r = await lib.render({
      templateKey: 'hearing_reminder',
      channel: 'email',
      locale: 'ar',
      variables: lib.definition('hearing_reminder').sample,
    });
    expect(r.direction).toBe('rtl');
    expect(r.html).toMatch(/<html[^>]*dir="rtl"/);
    expect(r.html).toContain('<bdi dir="ltr">01 48 95 00 00</bdi>');
    expect(r.text).toContain('\u206601 48 95 00 00\u2069');
  });

  it('asks for a missing variable by name', () => {
    const { partnerPhone: _p, ...rest } = lib.definition('hearing_reminder').sample;
    void _p;
    expect(() => lib.renderSync({ templateKey: 'hearing_reminder', channel: 'sms', locale: 'fr', variables: rest })).toThrow(
      /partnerPhone/,
    );
  });

  it('needs the email layout compiled before a synchronous render', async () => {
    const fresh = new TemplateLibrary(sources);
    const req = {
      templateKey: 'cql_rehousing' as const,
      channel: 'email' as const,
      locale: 'tr' as const,
      variables: fresh.definition('cql_rehousing').sample,
    };
    expect(() => fresh.renderSync(req)).toThrow(TemplateRenderError);
    await fresh.prepare('cql_rehousing', 'tr');
    expect(fresh.renderSync(req).html).toContain('<html');
  });

  it('gives each template x locale a content hash that changes with its text only', () => {
    const edited: TemplateSources = { ...sources, resources: new Map(sources.resources) };
    const fr = new Map(sources.resources.get('fr'));
    fr.set('hearing_reminder', { ...fr.get('hearing_reminder')!, sms_short: 'Autre texte {{partnerName}}' });
    edited.resources.set('fr', fr);
    const other = new TemplateLibrary(edited);
    expect(other.version('hearing_reminder', 'fr').hash).not.toBe(lib.version('hearing_reminder', 'fr').hash);
    expect(other.version('hearing_reminder', 'en').hash).toBe(lib.version('hearing_reminder', 'en').hash);
    expect(other.version('cql_rehousing', 'fr').hash).toBe(lib.version('cql_rehousing', 'fr').hash);
    const r = lib.renderSync({
      templateKey: 'hearing_reminder',
      channel: 'sms',
      locale: 'fr',
      variables: lib.definition('hearing_reminder').sample,
    });
    expect(r.templateVersion).toBe(lib.version('hearing_reminder', 'fr').hash);
  });

  it.each(LOCALES.map((l) => [l] as [Locale]))('interpolates %s SMS texts exactly as i18next does', (locale) => {
    const reference = new I18nextReference(sources);
    for (const key of TEMPLATE_KEYS) {
      const variables = lib.definition(key).sample;
      const r = lib.renderSync({
        templateKey: key,
        channel: 'sms',
        locale,
        variant: { pictograms: false, length: 'short', tone: 'neutral' },
        variables,
      });
      const expected = reference.t(key, 'sms_short', locale, variables);
      const strip = (s: string): string => s.replace(/[\u2066\u2068\u2069]/g, '').replace(/[\u202f\u00a0]/g, ' ');
      expect(strip(r.text)).toContain(strip(expected));
    }
  });
});
