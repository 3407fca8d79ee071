import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import i18next, { type i18n, type Resource, type ResourceKey } from 'i18next';
import { LOCALE_INFO, LOCALES, type Locale } from '@unisson/templates';

/**
 * The page's texts, from `locales/<locale>/response_page.json` (i18next resources, one file per
 * language, FALC its own), loaded once. A missing key falls back to French.
 */
export const PAGE_NAMESPACE = 'response_page';

export type Translate = (key: string, values?: Record<string, string>) => string;

export class PageTexts {
  private constructor(private readonly i18n: i18n) {}

  static load(root: string = join(__dirname, '..', '..', '..')): PageTexts {
    const resources: Resource = {};
    for (const locale of LOCALES) {
      const file = join(root, 'locales', locale, `${PAGE_NAMESPACE}.json`);
      resources[LOCALE_INFO[locale].i18next] = { [PAGE_NAMESPACE]: JSON.parse(readFileSync(file, 'utf8')) as ResourceKey };
    }
    const instance = i18next.createInstance();
    void instance.init({
      resources,
      ns: [PAGE_NAMESPACE],
      defaultNS: PAGE_NAMESPACE,
      fallbackLng: 'fr',
      initAsync: false,
      // The page escapes every value itself.
      interpolation: { escapeValue: false },
      returnNull: false,
    });
    return new PageTexts(instance);
  }

  for(locale: Locale): Translate {
    const t = this.i18n.getFixedT(LOCALE_INFO[locale].i18next, PAGE_NAMESPACE);
    return (key, values) => t(key, values ?? {});
  }

  has(locale: Locale, key: string): boolean {
    return typeof this.i18n.getResource(LOCALE_INFO[locale].i18next, PAGE_NAMESPACE, key) === 'string';
  }
}
