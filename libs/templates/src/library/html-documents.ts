import type { Locale } from '../domain/catalogue';
import { LOCALE_INFO } from '../domain/catalogue';
import { placeholder, toHtmlSource } from '../domain/compiled-text';
import type { MessageBlock, MessageSource } from '../domain/composition';
import { escapeHtml } from '../domain/formatting';

/**
 * Builds the MJML (email) and HTML (letter) sources of a message from its layout, with variable
 * placeholders left in place. MJML compilation happens once per version x locale x variant.
 */

function htmlLang(locale: Locale): string {
  return locale === 'fr-falc' ? 'fr' : locale;
}

function fillLayout(layout: string, tokens: Record<string, string>): string {
  return layout.replace(/%%([A-Z]+)%%/g, (m, name: string) => tokens[name] ?? m);
}

function pictogram(b: MessageBlock): string {
  return b.pictogram ? `<span class="picto" aria-hidden="true">${escapeHtml(b.pictogram)}</span> ` : '';
}

export function buildEmailMjml(layout: string, src: MessageSource, locale: Locale): string {
  const dir = LOCALE_INFO[locale].direction;
  const blocks = src.blocks.filter((b) => b.kind !== 'footer' && b.kind !== 'signoff');
  const signoff = src.blocks.find((b) => b.kind === 'signoff');
  const footer = src.blocks.find((b) => b.kind === 'footer');
  const sections = blocks.map((b) => {
    const heading = b.heading
      ? `<mj-text font-size="20px" font-weight="bold" color="#000091" padding="12px 24px 0">${pictogram(b)}${escapeHtml(b.heading)}</mj-text>\n`
      : '';
    return `    <mj-section><mj-column>${heading}<mj-text>${toHtmlSource(b.body)}</mj-text></mj-column></mj-section>`;
  });
  if (signoff)
    sections.push(
      `    <mj-section><mj-column><mj-text font-weight="bold">${toHtmlSource(signoff.body)}</mj-text></mj-column></mj-section>`,
    );
  return fillLayout(layout, {
    LANG: htmlLang(locale),
    DIR: dir,
    ALIGN: dir === 'rtl' ? 'right' : 'left',
    TITLE: toHtmlSource(src.subject ?? ''),
    SENDER: placeholder('partnerName'),
    BLOCKS: sections.join('\n'),
    FOOTER: footer ? toHtmlSource(footer.body) : '',
  });
}

export function buildLetterHtml(layout: string, src: MessageSource, locale: Locale): string {
  const blocks = src.blocks.map((b) => {
    const heading = b.heading ? `<h2>${pictogram(b)}${escapeHtml(b.heading)}</h2>\n` : '';
    return `${heading}<p>${toHtmlSource(b.body)}</p>`;
  });
  return fillLayout(layout, {
    LANG: htmlLang(locale),
    DIR: LOCALE_INFO[locale].direction,
    TITLE: toHtmlSource(src.subject ?? ''),
    SENDER: placeholder('partnerName'),
    BLOCKS: blocks.join('\n'),
  });
}
