import { Controller, Get, Header, Param, Query, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Authorize, PersonPrincipal, ROLE_LABELS, WebPage } from '@unisson/access';
import { escapeHtml, html, parseOrThrow, raw, renderPage, UnissonError, type RawHtml } from '@unisson/platform';
import { CHANNEL_LABELS, STAGE_LABELS, type ProcedureStage } from '@unisson/vocabulary';
import { CHANNELS, LENGTHS, LOCALE_INFO, LOCALES, TONES, isTemplateKey, type Channel, type Locale } from '../domain/catalogue';
import type { DiffRun } from '../domain/word-diff';
import type { ReviewRow } from '../review/review-list';
import { TemplateReviewService, type ShownVersion } from '../review/template-review.service';
import { compareQuery, reviewQuery, withoutEmpty } from './template-review.schemas';

type PageRequest = { session?: PersonPrincipal & { csrfToken: string } };

const NAV: Array<[string, string]> = [
  ['/modeles/relecture', 'Relecture des modèles'],
  ['/templates/preview', 'Prévisualisation'],
  ['/espace', 'Votre espace'],
];
const TONE_LABELS: Record<string, string> = { reassuring: 'rassurant', neutral: 'neutre', firm: 'ferme' };
const LENGTH_LABELS: Record<string, string> = { short: 'court', detailed: 'détaillé' };
const FINDING_FILTERS: Array<[string, string]> = [
  ['all', 'Toutes les lignes'],
  ['any', 'Avec constats'],
  ['errors', 'Avec erreurs bloquantes'],
];
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const channelLabel = (c: string) => capital(CHANNEL_LABELS[c as Channel] ?? c);
const localeLabel = (l: string) => LOCALE_INFO[l as Locale]?.label ?? l;
const stageLabel = (s: string) => STAGE_LABELS[s as ProcedureStage] ?? s;
const euros = (n: number) => `${n.toFixed(3).replace('.', ',')} €`;
const when = (iso: string) => new Date(iso).toLocaleString('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'long', timeStyle: 'short' });

function variantLabel(id: string): string {
  const [tone, length, pictos] = id.split('.');
  if (!length) return id;
  return `${capital(TONE_LABELS[tone] ?? tone)}, ${LENGTH_LABELS[length] ?? length}, ${pictos === 'picto' ? 'avec' : 'sans'} pictogrammes`;
}

const STYLE = raw(`<style>
.filters{display:flex;gap:1rem;flex-wrap:wrap;align-items:flex-end}.filters label{margin:0}.filters select{min-width:10rem}
td.findings ul{margin:0;padding-left:1rem}.error-tag{color:#b00020;font-weight:600}.notice-tag{color:#8a4b00}
.versions{display:grid;grid-template-columns:1fr 1fr;gap:1rem}.versions section{border:1px solid #ccd;border-radius:6px;padding:.6rem 1rem}
.versions h2{margin-top:.2rem}.text{white-space:pre-wrap;line-height:1.5;font-size:1rem}
del{background:#fdd;color:#7a0010;text-decoration:line-through}ins{background:#d7f5dd;color:#0b4a1c;text-decoration:none}
.pager a,.pager span{margin-right:.6rem}@media (max-width:800px){.versions{grid-template-columns:1fr}}
</style>`);

/**
 * The review pages (French): the list a FALC reviewer or a translator works through, and one
 * render beside its previous version with the words changed.
 */
@ApiExcludeController()
@WebPage()
@Controller('modeles/relecture')
export class TemplateReviewPagesController {
  constructor(private readonly review: TemplateReviewService) {}

  private page(request: PageRequest, title: string, body: RawHtml): string {
    const s = request.session;
    return renderPage({ title, nav: NAV, session: s ? { label: ROLE_LABELS[s.role], csrfToken: s.csrfToken } : null }, body);
  }

  @Get()
  @Authorize('template.review')
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  async list(@Req() request: PageRequest, @Query() query: Record<string, unknown>): Promise<string> {
    const q = parseOrThrow(reviewQuery, withoutEmpty(query));
    const result = await this.review.list(q);
    const purposes = this.review.purposes();
    const option = (value: string, label: string, selected: string | undefined) =>
      html`<option value="${value}" ${raw(value === (selected ?? '') ? 'selected' : '')}>${label}</option>`;
    const link = (page: number) => {
      const p = new URLSearchParams();
      for (const k of ['locale', 'channel', 'purpose', 'findings'] as const) if (q[k]) p.set(k, String(q[k]));
      p.set('page', String(page));
      return `/modeles/relecture?${p.toString()}`;
    };
    const { counts } = result;
    return this.page(
      request,
      'Relecture des modèles',
      html`${STYLE}
        <p>
          Chaque objet prévu par les playbooks, sur chaque canal, dans chaque langue et chaque variante, avec ce que le contrôle des modèles
          y trouve : encodage, nombre de parties et coût des SMS, règles FALC, lisibilité, faits que le planificateur ne connaît pas encore.
          Une <span class="error-tag">erreur</span> bloque <code>npm run lint:templates</code> ; une
          <span class="notice-tag">remarque</span> est à peser (un SMS en UCS-2 coûte deux à trois fois plus).
        </p>
        <p>
          <strong>${counts.rows.toLocaleString('fr-FR')}</strong> lignes en tout,
          <strong>${counts.withFindings.toLocaleString('fr-FR')}</strong> avec constats, dont
          <strong>${counts.withErrors.toLocaleString('fr-FR')}</strong> avec erreurs.
        </p>
        <form method="get" action="/modeles/relecture" class="filters" aria-label="Filtres">
          <label
            >Langue
            <select name="locale">
              ${option('', 'Toutes les langues', q.locale)} ${LOCALES.map((l) => option(l, localeLabel(l), q.locale))}
            </select></label
          >
          <label
            >Canal
            <select name="channel">
              ${option('', 'Tous les canaux', q.channel)} ${CHANNELS.map((c) => option(c, channelLabel(c), q.channel))}
            </select></label
          >
          <label
            >Objet
            <select name="purpose">
              ${option('', 'Tous les objets', q.purpose)}
              ${purposes.map((p) => option(p.id, `${p.id} (${stageLabel(p.stage)})`, q.purpose))}
            </select></label
          >
          <label
            >Constats
            <select name="findings">
              ${FINDING_FILTERS.map(([v, l]) => option(v, l, q.findings))}
            </select></label
          >
          <button>Filtrer</button>
        </form>
        <p>${result.total.toLocaleString('fr-FR')} ligne(s) correspondent ; page ${result.page} sur ${result.pages}.</p>
        <table>
          <thead>
            <tr>
              <th scope="col">Objet</th>
              <th scope="col">Canal</th>
              <th scope="col">Langue</th>
              <th scope="col">Variante</th>
              <th scope="col">SMS</th>
              <th scope="col">Constats</th>
              <th scope="col">Relire</th>
            </tr>
          </thead>
          <tbody>
            ${result.rows.map(rowHtml)}
          </tbody>
        </table>
        <p class="pager">
          ${result.page > 1 ? html`<a href="${link(result.page - 1)}">← Page précédente</a>` : ''}
          ${result.page < result.pages ? html`<a href="${link(result.page + 1)}">Page suivante →</a>` : ''}
        </p>`,
    );
  }

  @Get(':key')
  @Authorize('template.review')
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  async compare(@Req() request: PageRequest, @Param('key') key: string, @Query() query: Record<string, unknown>): Promise<string> {
    if (!isTemplateKey(key)) throw UnissonError.notFound();
    const q = parseOrThrow(compareQuery, withoutEmpty(query));
    const c = await this.review.compare(key, q.channel, q.locale, { tone: q.tone, length: q.length, pictograms: q.pictograms });
    const findings = await this.review.findingsOf(key, q.channel, q.locale, c.variant);
    const option = (value: string, label: string, selected: string) =>
      html`<option value="${value}" ${raw(value === selected ? 'selected' : '')}>${label}</option>`;
    const dir = c.direction;
    const lang = q.locale === 'fr-falc' ? 'fr' : q.locale;
    const side = (title: string, v: ShownVersion | null, runs: DiffRun[] | null, keep: 'removed' | 'added') =>
      html`<section>
        <h2>${title}</h2>
        ${
          v
            ? html`<p class="muted">
                  Version ${v.version} — empreinte <code>${v.hash}</code>
                  ${v.archivedAt ? ` — archivée le ${when(v.archivedAt)}` : ' — pas encore archivée (elle le sera au démarrage du worker)'}
                </p>
                ${textBlock(v, runs, keep, dir, lang)}`
            : html`<p class="muted">
                Aucune version précédente dans les archives : ce texte n’a pas changé depuis qu’Unisson garde les versions envoyées.
              </p>`
        }
      </section>`;
    return this.page(
      request,
      `Relecture : ${c.templateKey}`,
      html`${STYLE}
        <p><a href="/modeles/relecture">← Retour à la liste de relecture</a></p>
        <form method="get" action="/modeles/relecture/${c.templateKey}" class="filters" aria-label="Choix du rendu">
          <label
            >Canal
            <select name="channel">
              ${CHANNELS.map((v) => option(v, channelLabel(v), q.channel))}
            </select></label
          >
          <label
            >Langue
            <select name="locale">
              ${LOCALES.map((v) => option(v, localeLabel(v), q.locale))}
            </select></label
          >
          <label
            >Ton
            <select name="tone">
              ${TONES.map((v) => option(v, capital(TONE_LABELS[v]), q.tone))}
            </select></label
          >
          <label
            >Longueur
            <select name="length">
              ${LENGTHS.map((v) => option(v, capital(LENGTH_LABELS[v]), q.length))}
            </select></label
          >
          <label
            >Pictogrammes
            <select name="pictograms">
              ${option('false', 'Sans', String(q.pictograms))} ${option('true', 'Avec', String(q.pictograms))}
            </select></label
          >
          <button>Afficher</button>
        </form>
        <p class="muted">
          Un changement de texte crée une nouvelle version (nouvelle empreinte) ; une version qu’un message envoyé a utilisée n’est jamais
          modifiée : la base de données le refuse.
          ${c.diff ? ` ${c.diff.removedWords} mot(s) retiré(s), ${c.diff.addedWords} ajouté(s).` : ''}
        </p>
        <div class="versions">
          ${side('Version précédente', c.previous, c.diff?.runs ?? null, 'removed')}
          ${side('Version actuelle', c.current, c.diff?.runs ?? null, 'added')}
        </div>
        <h2>Constats sur ce rendu</h2>
        ${
          findings.length
            ? html`<ul>
                ${findings.map((f) => html`<li>${findingHtml(f)}</li>`)}
              </ul>`
            : html`<p>Aucun constat : le contrôle des modèles ne trouve rien à redire à ce rendu.</p>`
        }
        <h2>Versions archivées</h2>
        ${
          c.history.length
            ? html`<table>
                <thead>
                  <tr>
                    <th scope="col">Version</th>
                    <th scope="col">Empreinte</th>
                    <th scope="col">Archivée le</th>
                  </tr>
                </thead>
                <tbody>
                  ${c.history.map(
                    (h) =>
                      html`<tr>
                        <td>${h.version}</td>
                        <td><code>${h.hash}</code></td>
                        <td>${when(h.archivedAt)}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>`
            : html`<p class="muted">Aucune version archivée pour cette langue.</p>`
        }`,
    );
  }
}

/**
 * The text of a version, with the diff's marks when there is a previous version. Built as one
 * string: the block keeps the message's line breaks (pre-wrap), so no indentation may creep in.
 */
function textBlock(v: ShownVersion, runs: DiffRun[] | null, keep: 'removed' | 'added', dir: string, lang: string): RawHtml {
  const body = runs
    ? runs
        .filter((r) => r.kind === 'same' || r.kind === keep)
        .map((r) => runHtml(r).__html)
        .join('')
    : escapeHtml((v.subject ? `${v.subject}\n\n` : '') + v.text);
  return raw(`<div class="text" dir="${escapeHtml(dir)}" lang="${escapeHtml(lang)}">${body}</div>`);
}

function runHtml(r: DiffRun): RawHtml {
  return r.kind === 'removed' ? html`<del>${r.text}</del>` : r.kind === 'added' ? html`<ins>${r.text}</ins>` : html`${r.text}`;
}

function findingHtml(f: ReviewRow['findings'][number]): RawHtml {
  return html`<span class="${f.severity === 'error' ? 'error-tag' : 'notice-tag'}">${f.label}</span> —
    ${f.detail}${f.sentence ? html` <q>${f.sentence}</q>` : ''}`;
}

function rowHtml(r: ReviewRow): RawHtml {
  const [tone, length, pictos] = r.variant.split('.');
  const href = r.templateKey
    ? `/modeles/relecture/${r.templateKey}?${new URLSearchParams({ channel: r.channel, locale: r.locale, tone, length: length ?? 'short', pictograms: String(pictos === 'picto') }).toString()}`
    : null;
  return html`<tr>
    <td>${r.title ?? 'Sans modèle'}<br /><small>${r.purpose} · ${stageLabel(r.stage)}</small></td>
    <td>${channelLabel(r.channel)}</td>
    <td>${localeLabel(r.locale)}</td>
    <td>${variantLabel(r.variant)}</td>
    <td>${r.sms ? `${r.sms.encoding}, ${r.sms.parts} partie(s), ${euros(r.sms.euros)}` : '—'}</td>
    <td class="findings">
      ${
        r.findings.length
          ? html`<ul>
              ${r.findings.map((f) => html`<li>${findingHtml(f)}</li>`)}
            </ul>`
          : 'Aucun'
      }
    </td>
    <td>${href ? html`<a href="${href}">Voir et comparer</a>` : '—'}</td>
  </tr>`;
}
