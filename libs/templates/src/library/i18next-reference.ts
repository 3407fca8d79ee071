import i18next, { type i18n } from 'i18next';
import { LOCALE_INFO, LOCALES, type Locale, type TemplateKey, type Variables } from '../domain/catalogue';
import { formatVariable } from '../domain/formatting';
import type { TemplateSources } from './template-source';

/**
 * The same resources served by plain i18next `t()` calls, with no pre-compilation. Used as the
 * baseline of the render benchmark and, in tests, as an independent check that our compiled
 * renderer interpolates exactly as i18next would (plural phrases included).
 */
export class I18nextReference {
  private readonly i18n: i18n;

  constructor(private readonly sources: TemplateSources) {
    const resources: Record<string, Record<string, Record<string, unknown>>> = {};
    for (const locale of LOCALES) {
      const lng = LOCALE_INFO[locale].i18next;
      resources[lng] = {};
      for (const [ns, flat] of sources.resources.get(locale) ?? new Map()) resources[lng][ns] = unflatten(flat);
    }
    this.i18n = i18next.createInstance();
    void this.i18n.init({
      resources,
      lng: 'fr',
      fallbackLng: false,
      load: 'currentOnly',
      initAsync: false,
      returnNull: false,
      interpolation: { escapeValue: false },
    });
  }

  /** i18next's rendering of one resource key (e.g. `sms_short`) with our formatted variables. */
  t(key: TemplateKey, resourceKey: string, locale: Locale, variables: Variables): string {
    const def = this.sources.definitions.get(key)!;
    const lng = LOCALE_INFO[locale].i18next;
    const values: Record<string, string> = {};
    for (const [name, type] of Object.entries(def.variables)) values[name] = formatVariable(name, type, variables[name], locale);
    for (const [phrase, countVar] of Object.entries(def.phrases)) {
      values[phrase] = this.i18n.t(`phrases.${phrase}`, {
        ns: key,
        lng,
        count: Number(variables[countVar]),
        replace: { count: formatVariable('count', 'count', variables[countVar], locale) },
      });
    }
    return this.i18n.t(resourceKey, { ns: key, lng, replace: values });
  }
}

function unflatten(flat: Readonly<Record<string, string>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [path, value] of Object.entries(flat)) {
    const parts = path.split('.');
    let node = out;
    for (const p of parts.slice(0, -1)) node = (node[p] ??= {}) as Record<string, unknown>;
    node[parts[parts.length - 1]] = value;
  }
  return out;
}
