import { Controller, Get, Header, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiExcludeController } from '@nestjs/swagger';
import { Authorize, CurrentPrincipal, PersonPrincipal, Principal, ROLE_LABELS } from '@unisson/access';
import { WebPage } from '@unisson/partners';
import { FieldProblem, html, parseOrThrow, raw, RawHtml, renderPage, UnissonError } from '@unisson/platform';
import { CHANNEL_LABELS, RESPONSE_KIND_LABELS } from '@unisson/vocabulary';
import { AnalyticsReport, AnalyticsService } from '../analytics.service';
import { CharterFigure } from '../domain/charter-indicators';
import { MaskedExperiment } from '../domain/report-cells';
import { FilterInput, filterSchema } from '../dto/outcome.schemas';
import type { AnalyticsFilter } from '../analytics.repository';
import { filterOf } from './analytics.controller';
import { barChart, beforeAfterChart } from './charts';

type PageRequest = { session: PersonPrincipal & { csrfToken: string } };
const pct = (x: number | null | undefined) => (x === null || x === undefined ? '—' : `${(x * 100).toFixed(1).replace('.', ',')} %`);
const n = (c: { value: number | null; hidden: boolean }) => (c.hidden ? '< 10' : (c.value ?? 0).toLocaleString('fr-FR'));
const DIMENSIONS: Record<string, string> = {
  territory: 'Par territoire',
  housing_sector: 'Par parc',
  language: 'Par langue',
  falc: 'Facile à lire et à comprendre (FALC)',
};
const VALUE_LABELS: Record<string, string> = {
  social: 'parc social',
  prive: 'parc privé',
  inconnu: 'parc non renseigné',
  oui: 'FALC',
  non: 'texte courant',
};
const NAV: Array<[string, string]> = [
  ['/analyse', 'Analyse'],
  ['/analyse/charte', 'Indicateurs de la charte'],
  ['/espace', 'Votre espace'],
];

/** The analysts' pages (French): aggregates only, small cells hidden exactly as in the API and the exports. */
@ApiExcludeController()
@WebPage()
@Controller('analyse')
export class AnalystPagesController {
  constructor(private readonly analytics: AnalyticsService) {}

  /** A period or territory the page cannot show (a date of year 0000, a misspelt département): a 400 page saying which, in French. */
  private wrongPeriod(request: PageRequest, reply: FastifyReply, title: string, path: string, problems: FieldProblem[]): string {
    void reply.status(400);
    return this.page(
      request,
      title,
      html`<div role="alert">
          <p>La période ou le territoire demandé ne peut pas être affiché :</p>
          <ul>
            ${problems.map((p) => html`<li>${FILTER_LABELS[p.field] ?? p.field} : ${p.message}.</li>`)}
          </ul>
        </div>
        <p><a href="${path}">Afficher les 90 derniers jours</a></p>`,
    );
  }

  private page(request: PageRequest, title: string, body: RawHtml): string {
    const s = request.session;
    return renderPage({ title, nav: NAV, session: { label: ROLE_LABELS[s.role], csrfToken: s.csrfToken } }, body);
  }

  @Get()
  @Authorize('analytics.read')
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  async dashboard(
    @Req() request: PageRequest,
    @CurrentPrincipal() actor: Principal,
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const read = readFilter(actor, query);
    if ('problems' in read) return this.wrongPeriod(request, reply, 'Analyse des réponses', '/analyse', read.problems);
    const { q, filter, qs } = read;
    const report = await this.analytics.report(filter);
    return this.page(
      request,
      'Analyse des réponses',
      html`${filterForm(report, q)}
        <p>
          <a href="/v1/analytics/report.csv${qs ? `?${qs}` : ''}" download>Exporter en CSV</a> ·
          <a href="/analyse/charte${qs ? `?${qs}` : ''}">Indicateurs de la charte (annexe 5)</a>
        </p>
        <p class="muted">
          Chiffres agrégés, comptés sur des semaines entières (${report.period}) : une cellule de moins de ${report.smallCellThreshold}
          foyers est masquée (« &lt; 10 ») ; les autres nombres sont arrondis à un multiple de ${report.roundingBase} (arrondi contrôlé,
          toujours le même pour la même question), totaux compris, et les taux au point : la différence entre deux chiffres publiés (deux
          périodes, une variante et un bras, un total et ses parties) ne donne jamais un petit groupe de foyers. Les taux et intervalles
          sont calculés sur les nombres exacts.
        </p>
        ${experimentsSection(report.experiments)} ${variantsSection(report)} ${funnelSection(report)} ${coordinationSection(report)}`,
    );
  }

  @Get('charte')
  @Authorize('analytics.read')
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  async charter(
    @Req() request: PageRequest,
    @CurrentPrincipal() actor: Principal,
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const title = 'Indicateurs de la charte de prévention des expulsions (Seine-Saint-Denis, annexe 5)';
    const read = readFilter(actor, query);
    if ('problems' in read) return this.wrongPeriod(request, reply, title, '/analyse/charte', read.problems);
    const { filter, qs } = read;
    const figures = await this.analytics.charter(filter);
    return this.page(
      request,
      title,
      html`<p>
          Territoire <strong>${filter.territory ?? 'tous'}</strong>, du ${filter.from.toLocaleDateString('fr-FR')} au
          ${new Date(filter.to.getTime() - 86_400_000).toLocaleDateString('fr-FR')}.
          <a href="/v1/analytics/charter.csv${qs ? `?${qs}` : ''}" download>Exporter en CSV (numérotation de la charte)</a>
        </p>
        ${charterTable(
          'Alimentés par les événements d’Unisson',
          figures.filter((f) => f.fed),
          true,
        )}
        ${charterTable(
          'Non alimentés par Unisson : ce qui les alimenterait',
          figures.filter((f) => !f.fed),
          false,
        )}`,
    );
  }
}

const cleanQuery = (q: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(q).filter(([k, v]) => ['territory', 'from', 'to'].includes(k) && v !== '' && v !== undefined));

const FILTER_LABELS: Record<string, string> = { from: 'Début de la période (Du)', to: 'Fin de la période (Au)', territory: 'Territoire' };

/** The page's filter (a form's empty fields dropped), and the same as a query string for the links; or what is wrong with it. */
function readFilter(
  actor: Principal,
  query: Record<string, unknown>,
): { q: FilterInput; filter: AnalyticsFilter; qs: string } | { problems: FieldProblem[] } {
  try {
    const q = parseOrThrow(filterSchema, cleanQuery(query));
    const qs = new URLSearchParams(Object.entries(q).filter(([, v]) => v) as Array<[string, string]>).toString();
    return { q, filter: filterOf(actor, q), qs };
  } catch (error) {
    if (error instanceof UnissonError && error.code === 'VALIDATION_FAILED') return { problems: error.fields };
    throw error;
  }
}

function filterForm(report: AnalyticsReport, q: Record<string, unknown>): RawHtml {
  return html`<form method="get" action="/analyse">
    <fieldset>
      <legend>Période et territoire</legend>
      <label>Territoire (département) <input type="text" name="territory" value="${report.territory ?? ''}" placeholder="93" /></label>
      <label>Du <input type="date" name="from" value="${String(q.from ?? report.from.slice(0, 10))}" /></label>
      <label>Au <input type="date" name="to" value="${String(q.to ?? '')}" /></label>
      <button>Afficher</button>
    </fieldset>
  </form>`;
}

function experimentsSection(experiments: readonly MaskedExperiment[]): RawHtml {
  if (!experiments.length)
    return html`<h2>Expériences</h2>
      <p>Aucune expérience déclarée sur ce territoire.</p>`;
  return html`<h2>Expériences</h2>
    ${experiments.map(
      (e) =>
        html`<section aria-label="${e.name}">
          <h3>${e.name} <small>(${e.status === 'running' ? 'en cours' : 'arrêtée'})</small></h3>
          <p class="muted">
            ${e.stageLabel} · objet ${e.purpose} · ${CHANNEL_LABELS[e.channel as keyof typeof CHANNEL_LABELS] ?? e.channel} · réponse
            principale : ${e.primaryResponseKinds.map((k) => RESPONSE_KIND_LABELS[k as keyof typeof RESPONSE_KIND_LABELS] ?? k).join(', ')}
            sous ${e.responseWindowDays} jours ·
            ${
              e.progress === null
                ? `avancement masqué tant qu’un bras compte moins de 10 foyers (${e.plannedUnits.toLocaleString('fr-FR')} foyers prévus)`
                : `${Math.round(e.progress * 100)} % des ${e.plannedUnits.toLocaleString('fr-FR')} foyers prévus`
            }
          </p>
          ${
            e.sampleRatio.mismatch
              ? html`<p class="notice error" role="alert">
                  Déséquilibre des effectifs entre les bras
                  ${e.sampleRatio.pValue === null ? '' : ` (p ≤ ${e.sampleRatio.pValue.toLocaleString('fr-FR')})`} : l’affectation ou le
                  comptage est en cause, ne concluez pas.
                </p>`
              : ''
          }
          ${raw(
            barChart(
              `Taux de réponse par bras, ${e.name}`,
              [...e.arms, ...(e.holdout ? [e.holdout] : [])].map((a) => ({
                label: `${a.arm === 'holdout' ? 'Hors expérience' : `Bras ${a.arm}`} — ${a.variant ?? 'formulation par défaut'}`,
                value: a.rate,
                interval: a.interval,
                text: a.units.hidden
                  ? '< 10 foyers (masqué)'
                  : a.rate === null
                    ? `${n(a.units)} foyers, < 10 répondants (masqué)`
                    : `${pct(a.rate)} (≈ ${n(a.responders)} / ${n(a.units)})`,
              })),
            ),
          )}
          <table>
            <thead>
              <tr>
                <th>Bras comparé au témoin</th>
                <th>Écart (IC 95 %)</th>
                <th>p (test)</th>
                <th>p ajusté (Holm)</th>
                <th>Chance de battre le témoin</th>
                <th>Perte attendue</th>
                <th>Règle séquentielle</th>
              </tr>
            </thead>
            <tbody>
              ${
                e.comparisons.length
                  ? e.comparisons.map(
                      (c) =>
                        html`<tr>
                          <td>Bras ${c.arm}</td>
                          <td>${pct(c.difference)} (${pct(c.differenceInterval.low)} ; ${pct(c.differenceInterval.high)})</td>
                          <td>${c.pValue.toPrecision(2)} (${c.testMethod === 'fisher_exact' ? 'exact de Fisher' : 'z'})</td>
                          <td>${c.adjustedPValue.toPrecision(2)}</td>
                          <td>${pct(c.chanceToBeatControl)}</td>
                          <td>${pct(c.expectedLoss)}</td>
                          <td>
                            <strong>${c.verdictLabel}</strong>
                            <small>(séquence de confiance ${pct(c.sequentialInterval.low)} ; ${pct(c.sequentialInterval.high)})</small>
                          </td>
                        </tr>`,
                    )
                  : html`<tr>
                      <td colspan="7">Pas encore assez de foyers pour comparer (ou cellules masquées).</td>
                    </tr>`
              }
            </tbody>
          </table>
        </section>`,
    )}`;
}

function variantsSection(report: AnalyticsReport): RawHtml {
  const rows = report.variants;
  return html`<h2>Taux de réponse par variante</h2>
    <p class="muted">
      Foyers ayant répondu eux-mêmes après le message (dernier contact, dans la fenêtre de réponse de l’objet), intervalle de Wilson à 95 %
      en rouge.
    </p>
    ${
      rows.length
        ? raw(
            barChart(
              'Taux de réponse par variante',
              rows.map((v) => ({
                label: `${v.purpose} · ${v.channel} · ${v.variant}`,
                value: v.rate,
                interval: v.interval,
                text: v.households.hidden
                  ? '< 10 foyers (masqué)'
                  : v.rate === null
                    ? `${n(v.households)} foyers, < 10 répondants (masqué)`
                    : `${pct(v.rate)} (≈ ${n(v.responders)} / ${n(v.households)})`,
              })),
            ),
          )
        : html`<p>Aucun message sur la période.</p>`
    }
    <table>
      <thead>
        <tr>
          <th>Objet</th>
          <th>Canal</th>
          <th>Variante</th>
          <th>Foyers</th>
          <th>Répondants</th>
          <th>Taux</th>
          <th>IC 95 %</th>
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          (v) =>
            html`<tr>
              <td>${v.purpose}</td>
              <td>${v.channel}</td>
              <td>${v.variant}</td>
              <td>${n(v.households)}</td>
              <td>${n(v.responders)}</td>
              <td>${pct(v.rate)}</td>
              <td>${v.interval ? `${pct(v.interval.low)} – ${pct(v.interval.high)}` : '—'}</td>
            </tr>`,
        )}
      </tbody>
    </table>`;
}

function funnelSection(report: AnalyticsReport): RawHtml {
  const max = Math.max(0, ...report.funnel.map((f) => f.households.value ?? 0));
  return html`<h2>Entonnoir de la procédure</h2>
    ${raw(
      barChart(
        'Foyers par étape de la procédure',
        report.funnel.map((f) => ({
          label: f.label,
          value: f.households.value,
          text: f.households.hidden ? '< 10 (masqué)' : n(f.households),
        })),
        max,
      ),
    )}
    <table>
      <thead>
        <tr>
          <th>Étape</th>
          <th>Foyers</th>
        </tr>
      </thead>
      <tbody>
        ${report.funnel.map(
          (f) =>
            html`<tr>
              <td>${f.label}</td>
              <td>${n(f.households)}</td>
            </tr>`,
        )}
      </tbody>
    </table>`;
}

function coordinationSection(report: AnalyticsReport): RawHtml {
  return html`<h2>Messages par foyer, avant et après coordination</h2>
    <p class="muted">
      Avant : les courriers que chaque partenaire aurait envoyés seul (demandes fusionnées par Unisson). Après : les messages réellement
      envoyés.
    </p>
    ${Object.entries(DIMENSIONS).map(([dimension, title]) => {
      const cells = report.coordination.filter((c) => c.dimension === dimension);
      if (!cells.length) return '';
      return html`<h3>${title}</h3>
        ${raw(
          beforeAfterChart(
            `Messages par foyer ${title.toLowerCase()}`,
            cells.map((c) => ({
              label: `${VALUE_LABELS[c.value] ?? c.value} (${n(c.households)} foyers)`,
              before: c.before,
              after: c.after,
            })),
          ),
        )}
        <table>
          <thead>
            <tr>
              <th>${title.replace('Par ', '')}</th>
              <th>Foyers</th>
              <th>Demandés par foyer</th>
              <th>Envoyés par foyer</th>
            </tr>
          </thead>
          <tbody>
            ${cells.map(
              (c) =>
                html`<tr>
                  <td>${VALUE_LABELS[c.value] ?? c.value}</td>
                  <td>${n(c.households)}</td>
                  <td>${c.before === null ? '—' : c.before.toFixed(2).replace('.', ',')}</td>
                  <td>${c.after === null ? '—' : c.after.toFixed(2).replace('.', ',')}</td>
                </tr>`,
            )}
          </tbody>
        </table>`;
    })}`;
}

function charterTable(title: string, figures: readonly CharterFigure[], fed: boolean): RawHtml {
  return html`<h2>${title}</h2>
    <table>
      <thead>
        <tr>
          <th>N°</th>
          <th>Indicateur</th>
          ${fed ? html`<th>Valeur</th>` : ''}
          <th>${fed ? 'Ce que compte Unisson' : 'Données qui l’alimenteraient'}</th>
        </tr>
      </thead>
      <tbody>
        ${figures.map(
          (f) =>
            html`<tr>
              <td>${f.number}</td>
              <td>${f.label}</td>
              ${fed ? html`<td>${f.hidden ? '< 10 (masqué)' : (f.value ?? 0).toLocaleString('fr-FR')}</td>` : ''}
              <td>${f.note}</td>
            </tr>`,
        )}
      </tbody>
    </table>`;
}
