import { escapeHtml } from '@unisson/platform';
import { formatPhone, LOCALE_INFO, LOCALES, type Locale } from '@unisson/templates';
import { CHOOSABLE_CHANNELS } from '../domain/page-actions';
import type { OfferedSlot, PageContact, PageModel, PageNotice } from '../domain/page-model';
import { NATIONAL_HELPLINE } from '../domain/page-model';
import { formatTrackingCode } from '../domain/tracking-code';
import type { Translate } from '../page-texts';

/**
 * The household's page as HTML: one small document (no script, no font, no image, no asset from
 * elsewhere), readable on a cheap phone, with a skip link, one h1 and h2 sections, a label for
 * every field, visible focus and contrasts above 7:1. Arabic pages are right to left; numbers
 * and phone numbers stay left to right inside them.
 */
const STYLE = `*{box-sizing:border-box}body{margin:0;font:1.06rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#161616;background:#fff}
.skip{position:absolute;top:-4rem;inset-inline-start:0;background:#000091;color:#fff;padding:.6rem 1rem;z-index:2}.skip:focus{top:0}
header{background:#000091;color:#fff;padding:.6rem 1rem}header p{margin:0;font-weight:700}
nav{background:#eef;padding:.4rem 1rem;font-size:.95rem}nav ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.2rem .9rem}
main{max-width:40rem;margin:0 auto;padding:.5rem 1rem 2rem}h1{font-size:1.5rem;margin:.8rem 0;color:#000091}
h2{font-size:1.2rem;margin:1.6rem 0 .5rem;color:#000091;border-top:1px solid #ccd;padding-top:1rem}
a{color:#000091}a:focus,button:focus,input:focus,select:focus{outline:3px solid #c83f00;outline-offset:2px}
fieldset{border:0;margin:0;padding:0}legend{font-weight:700;margin-bottom:.3rem}
label{display:block;padding:.45rem 0}fieldset label{display:flex;align-items:flex-start;gap:.6rem}input[type=radio]{flex:none;width:1.3rem;height:1.3rem;margin:.15rem 0 0}main:focus{outline:none}
select{font:inherit;padding:.45rem;min-width:12rem;max-width:100%;border:2px solid #161616;border-radius:4px;background:#fff}
button{font:inherit;font-weight:700;background:#000091;color:#fff;border:0;border-radius:4px;padding:.7rem 1.2rem;margin-top:.6rem;min-height:2.8rem}
.notice{padding:.7rem 1rem;border-radius:4px;margin:1rem 0;border:2px solid}.done{background:#e6f4ea;border-color:#18753c}.problem{background:#fdecea;border-color:#ce0500}
.contacts{list-style:none;padding:0}.contacts li{padding:.5rem 0;border-bottom:1px solid #ddd}.tel{font-size:1.2rem;font-weight:700;white-space:nowrap}
.small{font-size:.92rem;color:#3a3a3a}`;

function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}

function phoneLink(phone: string): string {
  return `<a class="tel" href="${escapeHtml(telHref(phone))}" dir="ltr">${escapeHtml(formatPhone(phone))}</a>`;
}

/** A translated text with HTML values put in after escaping it; line breaks (FALC: one sentence a line) kept. */
function text(t: Translate, key: string, htmlValues: Record<string, string> = {}): string {
  const marks: Record<string, string> = {};
  for (const name of Object.keys(htmlValues)) marks[name] = `\uE000${name}\uE001`;
  let out = escapeHtml(t(key, marks)).replace(/\n/g, '<br>');
  for (const [name, value] of Object.entries(htmlValues)) out = out.split(`\uE000${name}\uE001`).join(value);
  return out;
}

function contactLine(t: Translate, c: PageContact): string {
  const label =
    c.kind === 'writer'
      ? `${text(t, 'contact_writer')} : <strong>${escapeHtml(c.name)}</strong>`
      : c.kind === 'adil' || c.kind === 'ccas'
        ? `${text(t, `contact_${c.kind}`)}<br><strong>${escapeHtml(c.name)}</strong>`
        : text(t, `contact_${c.kind}`);
  return `<li>${label}${c.phone ? `<br>${phoneLink(c.phone)}` : ''}</li>`;
}

/** "10 h", "14 h 30" in French (FALC too); "10:00" elsewhere. */
function hourText(hhmm: string, locale: Locale): string {
  if (locale !== 'fr' && locale !== 'fr-falc') return hhmm;
  const [h, m] = hhmm.split(':');
  return m === '00' ? `${Number(h)} h` : `${Number(h)} h ${m}`;
}

const WEEKDAYS = [1, 2, 3, 4, 5];

/** A call-back slot in the household's language: « Dès que possible », « Du lundi au vendredi, de 10 h à 13 h ». */
export function slotLabel(slot: OfferedSlot, t: Translate, locale: Locale): string {
  if (slot.from === null || slot.to === null) return t('slot_soonest');
  const names = new Intl.DateTimeFormat(LOCALE_INFO[locale].intl, { weekday: 'long', timeZone: 'UTC' });
  const days =
    slot.days.length === WEEKDAYS.length && WEEKDAYS.every((d) => slot.days.includes(d))
      ? t('slot_days_weekdays')
      : slot.days.map((d) => names.format(new Date(Date.UTC(2026, 0, 4 + d)))).join(', ');
  return t('slot_range', { days, from: hourText(slot.from, locale), to: hourText(slot.to, locale) });
}

function noticeBlock(t: Translate, notice: PageNotice | null, slots: readonly OfferedSlot[], locale: Locale): string {
  if (!notice) return '';
  const chosen = notice.text === 'done_callback' && 'slot' in notice ? slots.find((s) => s.id === notice.slot) : undefined;
  const body = chosen ? text(t, 'done_callback', { slot: escapeHtml(slotLabel(chosen, t, locale)) }) : text(t, notice.text);
  return notice.kind === 'done'
    ? `<p class="notice done" role="status">${body}</p>`
    : `<p class="notice problem" role="alert" id="probleme" data-champ="${escapeHtml(notice.field)}">${body}</p>`;
}

export interface RenderOptions {
  locale: Locale;
  /** Path of the page (`/r/<token>`), forms post under it. */
  path: string;
  csrf: string;
  notice: PageNotice | null;
}

function radio(name: string, value: string, label: string, required = false): string {
  return `<label><input type="radio" name="${name}" value="${escapeHtml(value)}"${required ? ' required' : ''}>${label}</label>`;
}

function form(path: string, action: string, options: RenderOptions, inner: string, submit: string): string {
  return `<form method="post" action="${escapeHtml(`${path}/${action}`)}"><input type="hidden" name="_csrf" value="${escapeHtml(options.csrf)}"><input type="hidden" name="affichage" value="${options.locale}">${inner}<button type="submit">${submit}</button></form>`;
}

export function renderResponsePage(model: PageModel, t: Translate, options: RenderOptions): string {
  const { locale, path } = options;
  const info = LOCALE_INFO[locale];
  const lang = locale === 'fr-falc' ? 'fr' : locale;
  const partners = model.writers.length
    ? model.writers.map((w) => `<strong>${escapeHtml(w)}</strong>`).join(model.writers.length > 2 ? ', ' : ` ${escapeHtml(t('and'))} `)
    : '';
  const from = model.viaNotice ? text(t, 'from_notice') : partners ? text(t, 'from', { partners }) : '';
  const todo = model.callFirst
    ? text(t, 'todo_call', { name: `<strong>${escapeHtml(model.callFirst.name)}</strong>`, phone: phoneLink(model.callFirst.phone) })
    : text(t, 'todo_answer');
  const titlePrefix = options.notice ? `${options.notice.kind === 'done' ? '✓' : '!'} ` : '';
  const languages = LOCALES.map((l) =>
    l === locale
      ? `<li><strong lang="${l === 'fr-falc' ? 'fr' : l}" aria-current="page">${escapeHtml(LOCALE_INFO[l].label)}</strong></li>`
      : `<li><a href="${escapeHtml(`${path}?langue=${l}`)}" hreflang="${l === 'fr-falc' ? 'fr' : l}" lang="${l === 'fr-falc' ? 'fr' : l}">${escapeHtml(LOCALE_INFO[l].label)}</a></li>`,
  ).join('');
  const slots = model.callbackSlots.map((s, i) => radio('creneau', s.id, escapeHtml(slotLabel(s, t, locale)), i === 0)).join('');
  const channels = CHOOSABLE_CHANNELS.map((c) => radio('canal', c, text(t, `channel_${c}`))).join('');
  const localeOptions = [
    `<option value="">—</option>`,
    ...LOCALES.map((l) => `<option value="${l}" lang="${l === 'fr-falc' ? 'fr' : l}">${escapeHtml(LOCALE_INFO[l].label)}</option>`),
  ].join('');
  return `<!doctype html><html lang="${lang}" dir="${info.direction}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex,nofollow"><meta name="referrer" content="no-referrer"><title>${escapeHtml(titlePrefix + t('title'))}</title><style>${STYLE}</style></head><body>
<a class="skip" href="#contenu">${escapeHtml(t('skip'))}</a>
<header><p>Unisson</p></header>
<nav aria-label="${escapeHtml(t('read_in'))}"><span class="small">${escapeHtml(t('read_in'))}</span><ul>${languages}</ul></nav>
<main id="contenu" tabindex="-1">
<h1>${escapeHtml(t('title'))}</h1>
${noticeBlock(t, options.notice, model.callbackSlots, locale)}
${from ? `<p>${from}</p>` : ''}
<p>${text(t, 'intro')}</p>
<h2 id="que-faire">${escapeHtml(t('todo_heading'))}</h2>
<p>${todo}</p>
<h2 id="rappel">${escapeHtml(t('callback_heading'))}</h2>
${form(path, 'rappel', options, `<fieldset><legend>${escapeHtml(t('callback_legend'))}</legend>${slots}</fieldset>`, escapeHtml(t('callback_submit')))}
<h2 id="situation">${escapeHtml(t('situation_heading'))}</h2>
${form(
  path,
  'situation',
  options,
  `<fieldset><legend>${escapeHtml(t('situation_legend'))}</legend>${radio('situation', 'paid', text(t, 'situation_paid'), true)}${radio('situation', 'plan', text(t, 'situation_plan'))}</fieldset>`,
  escapeHtml(t('situation_submit')),
)}
<h2 id="preferences">${escapeHtml(t('preferences_heading'))}</h2>
${form(
  path,
  'preferences',
  options,
  `<fieldset><legend>${escapeHtml(t('channel_legend'))}</legend>${channels}</fieldset><label for="langue">${escapeHtml(t('language_label'))}</label><select id="langue" name="langue">${localeOptions}</select>`,
  escapeHtml(t('preferences_submit')),
)}
<h2 id="qui-appeler">${escapeHtml(t('contacts_heading'))}</h2>
<ul class="contacts">${model.contacts.map((c) => contactLine(t, c)).join('')}</ul>
<p class="small">${text(t, 'code', { code: `<span dir="ltr">${escapeHtml(formatTrackingCode(model.shortCode))}</span>` })}</p>
<p class="small">${text(t, 'privacy')}</p>
</main></body></html>`;
}

/** The page of an unknown or expired link: in French, whom to call, nothing about the link. */
export function renderUnknownLinkPage(t: Translate): string {
  return `<!doctype html><html lang="fr" dir="ltr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex,nofollow"><meta name="referrer" content="no-referrer"><title>${escapeHtml(t('unknown_title'))}</title><style>${STYLE}</style></head><body>
<a class="skip" href="#contenu">${escapeHtml(t('skip'))}</a>
<header><p>Unisson</p></header>
<main id="contenu" tabindex="-1">
<h1>${escapeHtml(t('unknown_title'))}</h1>
<p>${text(t, 'unknown_body')}</p>
<h2>${escapeHtml(t('contacts_heading'))}</h2>
<ul class="contacts">
<li>${text(t, 'unknown_helpline')}<br><strong>${escapeHtml(NATIONAL_HELPLINE.name)}</strong><br>${phoneLink(NATIONAL_HELPLINE.phone)}</li>
<li>${text(t, 'unknown_adil')}</li>
<li>${text(t, 'unknown_ccas')}</li>
<li>${text(t, 'unknown_letter')}</li>
</ul>
</main></body></html>`;
}
