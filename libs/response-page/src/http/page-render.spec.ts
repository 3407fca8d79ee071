import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PlaybookCatalog } from '@unisson/coordination';
import { callbackSlotsOf } from '@unisson/tasks';
import { LOCALES } from '@unisson/templates';
import { buildPageModel } from '../domain/page-model';
import type { ResponseLinkView } from '../domain/response-link';
import { PAGE_NAMESPACE, PageTexts } from '../page-texts';
import { renderResponsePage, renderUnknownLinkPage, slotLabel } from './page-render';

const texts = PageTexts.load();
const link: ResponseLinkView = {
  id: 'a7a0c3e2-0000-4000-8000-000000000001',
  householdId: 'a7a0c3e2-0000-4000-8000-000000000002',
  messageId: null,
  plannedContactKey: null,
  purpose: 'rappelImpaye',
  locale: 'fr',
  stage: null,
  territory: '93',
  partnerId: null,
  shortCode: '3M7KQ2XDA',
  expiresAt: new Date('2027-04-01T00:00:00Z'),
  createdAt: new Date('2026-12-01T00:00:00Z'),
  viaNotice: false,
};
/** The national playbook's call hours, as @unisson/tasks derives the slots from them. */
const hours = PlaybookCatalog.load().forTerritory('93', '2026-12-07').contactHours.call;
const model = buildPageModel(
  {
    link,
    signers: [
      { id: 'p1', name: 'Habitat <Solidaire> 93', kind: 'bailleur_social', publicPhone: '+33148000001' },
      { id: 'p2', name: 'CAF de la Seine-Saint-Denis', kind: 'caf', publicPhone: '+33969322030' },
    ],
    callbackPhone: null,
    territoryPartners: [{ id: 'p3', name: 'ADIL de la Seine-Saint-Denis', kind: 'adil', publicPhone: '+33148300000' }],
  },
  callbackSlotsOf(hours),
);
const render = (locale: (typeof LOCALES)[number]) =>
  renderResponsePage(model, texts.for(locale), { locale, path: '/r/tok', csrf: 'c'.repeat(24), notice: null });

describe('the response page', () => {
  it.each(LOCALES)('in %s: every text of the French page, the language and direction, under 50 kB, nothing from elsewhere', (locale) => {
    const french = Object.keys(
      JSON.parse(readFileSync(join(__dirname, '../../../../locales/fr', `${PAGE_NAMESPACE}.json`), 'utf8')) as object,
    );
    for (const key of french.filter((k) => !k.startsWith('unknown_')))
      expect([locale, key, texts.has(locale, key)]).toEqual([locale, key, true]);
    // The check can fail: a key only French has is not found in another language.
    if (locale !== 'fr') expect(texts.has(locale, 'unknown_title')).toBe(false);
    const page = render(locale);
    expect(Buffer.byteLength(page, 'utf8')).toBeLessThan(50 * 1024);
    expect(page).toContain(`<html lang="${locale === 'fr-falc' ? 'fr' : locale}" dir="${locale === 'ar' ? 'rtl' : 'ltr'}">`);
    expect(page).not.toMatch(/<script|https?:\/\/|<link |@import|url\(/);
    expect(page).toContain('<a class="skip" href="#contenu">');
    expect(page.match(/<h1>/g)).toHaveLength(1);
  });

  it('labels every field, escapes partner names, and keeps phone numbers left to right', () => {
    const page = render('ar');
    const inputs = page.match(/<input type="radio"[^>]*>/g) ?? [];
    expect(inputs.length).toBe(3 + 2 + 4);
    // Every radio sits inside its label; the select has a label for it.
    expect(page.match(/<label><input type="radio"/g)).toHaveLength(inputs.length);
    expect(page).toContain('<label for="langue">');
    expect(page).toContain('Habitat &lt;Solidaire&gt; 93');
    expect(page).not.toContain('<Solidaire>');
    expect(page).toContain('<a class="tel" href="tel:+33148000001" dir="ltr">01 48 00 00 01</a>');
    expect(page).toContain('href="tel:+33805160075"');
    expect(page).toContain('ADIL de la Seine-Saint-Denis');
    expect(page).toContain('<span dir="ltr">3M7K-Q2XD-A</span>');
  });

  it('offers only call-back slots inside the playbook’s call hours (no Saturday, nothing before 10 h), and names the one chosen', () => {
    const page = render('fr');
    const offered = [...page.matchAll(/name="creneau" value="([^"]+)"[^>]*>([^<]+)</g)].map((m) => [m[1], m[2]]);
    expect(offered).toEqual([
      ['soonest', 'Dès que possible'],
      ['10:00-13:00', 'Du lundi au vendredi, de 10 h à 13 h'],
      ['14:00-20:00', 'Du lundi au vendredi, de 14 h à 20 h'],
    ]);
    expect(page).not.toMatch(/samedi|9 h/i);
    const done = renderResponsePage(model, texts.for('fr'), {
      locale: 'fr',
      path: '/r/tok',
      csrf: 'c'.repeat(24),
      notice: { kind: 'done', text: 'done_callback', slot: '14:00-20:00' },
    });
    expect(done).toContain('Du lundi au vendredi, de 14 h à 20 h');
    expect(slotLabel({ id: '15:00-18:00', days: [2, 4], from: '15:00', to: '18:00' }, texts.for('fr'), 'fr')).toBe(
      'mardi, jeudi, de 15 h à 18 h',
    );
  });

  it('says who to call on an unknown link, in French, without anything about the link', () => {
    const page = renderUnknownLinkPage(texts.for('fr'));
    expect(page).toContain('<html lang="fr"');
    expect(page).toContain('SOS Loyers Impayés');
    expect(page).toContain('tel:+33805160075');
    expect(page).not.toContain('<form');
  });
});
