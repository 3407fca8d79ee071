import { Body, Controller, Get, Header, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Authorize, CurrentPrincipal, identityOf, PersonPrincipal, Principal, ROLE_LABELS } from '@unisson/access';
import { dayOfIsoDate, PlaybookCatalog, zoneClock } from '@unisson/coordination';
import { WebPage } from '@unisson/partners';
import { html, parseOrThrow, raw, renderPage, UnissonError } from '@unisson/platform';
import { STAGE_LABELS, isProcedureStage } from '@unisson/vocabulary';
import { TaskWork } from '../task-work';
import { TasksRepository } from '../tasks.repository';
import { TeamAccess } from './team-access';
import { outcomeSchema, taskDetail, worklistItem } from './task.views';

type PageRequest = { session: PersonPrincipal & { csrfToken: string } };
type Form = Record<string, unknown>;
const uuid = (field: string) =>
  new ParseUUIDPipe({ exceptionFactory: () => UnissonError.validation([{ field, message: 'doit être un UUID' }]) });
const PAGE_SIZE = 50;

/** Click-to-call from the page (the voice capability's `POST /v1/households/:id/calls`), with the session's CSRF token. */
const CLICK_TO_CALL_SCRIPT = `<script>
document.querySelectorAll('form.click-to-call').forEach(function (form) {
  form.addEventListener('submit', async function (event) {
    event.preventDefault();
    var out = form.querySelector('.call-status');
    out.textContent = 'Appel en cours de lancement…';
    try {
      var response = await fetch('/v1/households/' + form.dataset.household + '/calls', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': form.dataset.csrf, 'idempotency-key': form.dataset.key },
        body: JSON.stringify({ agentPhone: form.agentPhone.value }),
      });
      var body = await response.json();
      out.textContent = response.ok
        ? 'Appel lancé : votre téléphone va sonner, puis le foyer est appelé (numéro affiché : ' + body.callerId + ').'
        : 'Appel impossible : ' + (body.message || response.status);
    } catch (e) {
      out.textContent = 'Appel impossible : le service ne répond pas, réessayez ou composez le numéro.';
    }
  });
});
</script>`;

/** "2026-12-08T14:30" typed in the household's time zone, as an instant. */
function localInstant(value: string, timeZone: string): Date {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!match) throw UnissonError.validation([{ field: 'callbackAt', message: 'date et heure attendues (AAAA-MM-JJ HH:MM)' }]);
  return new Date(zoneClock(timeZone).at(dayOfIsoDate(match[1]), Number(match[2]) * 60 + Number(match[3])));
}

/**
 * The worklist page (French, server-rendered, session sign-in as the /espace pages): a team's
 * tasks due first, the tasks you hold with their script in the household's language, claim,
 * release and the outcome of each attempt.
 */
@ApiExcludeController()
@WebPage()
@Controller('appels')
export class WorklistPageController {
  constructor(
    private readonly access: TeamAccess,
    private readonly work: TaskWork,
    private readonly tasks: TasksRepository,
    private readonly playbooks: PlaybookCatalog,
  ) {}

  private render(request: PageRequest, title: string, query: Form, body: ReturnType<typeof html>): string {
    const s = request.session;
    const notice = query.ok
      ? { kind: 'ok' as const, text: String(query.ok) }
      : query.erreur
        ? { kind: 'error' as const, text: String(query.erreur) }
        : null;
    return renderPage(
      {
        title,
        nav: [
          ['/appels', 'Appels et visites'],
          ['/espace', 'Votre espace'],
        ],
        session: { label: ROLE_LABELS[s.role], csrfToken: s.csrfToken },
        notice,
      },
      body,
    );
  }

  private async submit(reply: FastifyReply, back: string, run: () => Promise<string>): Promise<void> {
    let target: string;
    try {
      target = `${back}?ok=${encodeURIComponent(await run())}`;
    } catch (error) {
      if (!(error instanceof UnissonError)) throw error;
      target = `${back}?erreur=${encodeURIComponent(error.message)}`;
    }
    void reply.status(303).header('location', target).send();
  }

  private purposeLabel(territory: string, purpose: string): string {
    try {
      return (
        this.playbooks.forTerritory(territory, new Date().toISOString().slice(0, 10)).purposes.find((p) => p.id === purpose)?.label ??
        purpose
      );
    } catch {
      return purpose;
    }
  }

  @Get()
  @Authorize('task.work')
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  async teams(@Req() request: PageRequest, @Query() query: Form, @Res({ passthrough: true }) reply: FastifyReply): Promise<string | void> {
    const teams = await this.access.teams(request.session);
    if (teams.length === 1 && !query.ok && !query.erreur) {
      void reply.status(303).header('location', `/appels/equipes/${teams[0].id}`).send();
      return;
    }
    return this.render(
      request,
      'Appels et visites',
      query,
      teams.length
        ? html`<ul>
            ${teams.map(
              (t) =>
                html`<li>
                  <a href="/appels/equipes/${t.id}">${t.name}</a>
                  <small>(${t.territories.join(', ')} — ${t.channels.map((c) => (c === 'call' ? 'appels' : 'visites')).join(', ')})</small>
                </li>`,
            )}
          </ul>`
        : html`<p>
            Votre organisation n’a pas encore d’équipe d’appels ou de visites. Demandez à votre administrateur Unisson d’en créer une.
          </p>`,
    );
  }

  @Get('equipes/:teamId')
  @Authorize('task.work')
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  async worklist(@Req() request: PageRequest, @Param('teamId', uuid('teamId')) teamId: string, @Query() query: Form): Promise<string> {
    const s = request.session;
    const team = await this.access.team(s, teamId);
    const agent = identityOf(s);
    const now = new Date();
    const page = Math.max(0, Math.min(10_000, Number(query.page ?? 0) || 0));
    const [list, held] = await Promise.all([
      this.tasks.worklist(team.id, now, PAGE_SIZE, page * PAGE_SIZE),
      this.tasks.heldBy(agent, team.id, now),
    ]);
    const routing = this.work.routingOf(team, now);
    const csrf = s.csrfToken;
    const yours = held.map((t) => ({ row: t, view: taskDetail(t, agent, this.access.hoursOf(t, now)) }));
    const items = list.rows.map((t) => worklistItem(t, agent, this.access.hoursOf(t, now)));
    const total = Object.entries(list.counts)
      .filter(([k]) => k !== 'dueNow')
      .reduce((sum, [, n]) => sum + n, 0);
    return this.render(
      request,
      `Liste de travail — ${team.name}`,
      query,
      html`<p>
          <strong>${list.counts.dueNow ?? 0}</strong> à traiter maintenant, ${total} ouvertes. Vous tenez
          ${new Set(held.map((t) => t.householdId)).size} foyer(s) sur ${routing.maxHouseholdsPerAgent} au plus ; une tâche prise vous est
          réservée ${routing.reservationMinutes} minutes, puis revient à l’équipe.
        </p>
        <form method="post" action="/appels/equipes/${team.id}/prendre">
          <input type="hidden" name="_csrf" value="${csrf}" /><button>Prendre la prochaine tâche</button>
        </form>
        <h2>Vos tâches</h2>
        ${yours.length === 0 ? html`<p class="muted">Vous ne tenez aucune tâche.</p>` : ''}
        ${yours.map(({ row, view }) => {
          const stageLabel = row.stage && isProcedureStage(row.stage) ? STAGE_LABELS[row.stage] : 'étape inconnue';
          const isCall = row.channel === 'call';
          return html`<fieldset class="task" data-task="${row.id}">
            <legend>
              <strong>${isCall ? 'Appel' : 'Visite à domicile'}</strong> — ${this.purposeLabel(row.territory, row.purpose)} (${stageLabel})
            </legend>
            <p>
              État : <strong>${view.stateLabel}</strong>${
                view.reservedUntil && row.state === 'reserved'
                  ? html` jusqu’à
                    ${new Date(view.reservedUntil).toLocaleTimeString('fr-FR', { timeZone: row.timeZone, hour: '2-digit', minute: '2-digit' })}`
                  : ''
              }
              — créneau : ${view.dueWindow} — essais :
              ${row.attempts}${row.lastOutcome ? html` (dernier : ${view.outcomes.find((o) => o.value === row.lastOutcome)?.label ?? row.lastOutcome})` : ''}
            </p>
            <p>
              ${
                isCall
                  ? html`Numéro : <a class="tel" href="tel:${row.recipient}">${row.recipient}</a>
                      <small>(votre téléphone compose le numéro)</small>`
                  : html`Adresse : <span style="white-space:pre-line">${row.recipient}</span>`
              }
            </p>
            ${
              isCall
                ? html`<form
                    class="click-to-call"
                    data-household="${row.householdId}"
                    data-key="task-${row.id}-${row.attempts + 1}"
                    data-csrf="${csrf}"
                  >
                    <label
                      >Ou mise en relation par Unisson : votre téléphone
                      <input type="tel" name="agentPhone" autocomplete="tel" placeholder="01 48 95 00 00" required
                    /></label>
                    <button>Appeler via Unisson</button>
                    <small>(votre téléphone sonne, puis celui du foyer, qui voit le numéro de votre organisme)</small>
                    <output class="call-status" role="status"></output>
                  </form>`
                : ''
            }
            <p><small>${row.routingReason} — langue du foyer : ${row.locale}</small></p>
            <details open>
              <summary>${isCall ? 'Script de l’appel' : 'Script de la visite'}</summary>
              ${
                row.script
                  ? html`<div
                      class="script"
                      lang="${row.locale}"
                      dir="${row.locale === 'ar' ? 'rtl' : 'ltr'}"
                      style="white-space:pre-line;background:#f6f6ff;padding:.6rem;border-radius:4px"
                    >
                      ${row.script}
                    </div>`
                  : html`<p class="muted">
                      La bibliothèque de modèles n’a pas encore de script pour cet objet : présentez-vous, nommez l’organisme et l’objet
                      ci-dessus, proposez de l’aide.
                    </p>`
              }
            </details>
            ${
              row.state === 'reserved'
                ? html`<form class="inline" method="post" action="/appels/taches/${row.id}/commencer">
                    <input type="hidden" name="_csrf" value="${csrf}" /><button>Commencer ${isCall ? 'l’appel' : 'la visite'}</button>
                  </form> `
                : ''
            }
            ${
              row.state !== 'wrap_up'
                ? html`<form class="inline" method="post" action="/appels/taches/${row.id}/rendre">
                      <input type="hidden" name="_csrf" value="${csrf}" /><button class="secondary">Rendre à l’équipe</button>
                    </form>
                    <form method="post" action="/appels/taches/${row.id}/resultat">
                      <input type="hidden" name="_csrf" value="${csrf}" />
                      <label
                        >Résultat
                        <select name="outcome" required>
                          <option value="">— choisir —</option>
                          ${view.outcomes.map((o) => html`<option value="${o.value}">${o.label}</option>`)}
                        </select></label
                      >
                      ${
                        isCall
                          ? html`<label>Rappeler le (heure du foyer, si demandé) <input type="datetime-local" name="callbackAt" /></label>`
                          : ''
                      }
                      <label>Note pour l’équipe (facultative) <input type="text" name="note" maxlength="2000" /></label>
                      <button>Enregistrer le résultat</button>
                    </form>`
                : html`<form method="post" action="/appels/taches/${row.id}/clore">
                    <input type="hidden" name="_csrf" value="${csrf}" /><button>Clore la tâche</button>
                  </form>`
            }
          </fieldset>`;
        })}
        ${yours.some(({ row }) => row.channel === 'call') ? raw(CLICK_TO_CALL_SCRIPT) : ''}
        <h2>Tâches de l’équipe</h2>
        <table>
          <tr>
            <th>Canal</th>
            <th>Objet</th>
            <th>Créneau (heure du foyer)</th>
            <th>État</th>
            <th>Essais</th>
            <th></th>
          </tr>
          ${items.map(
            (t) =>
              html`<tr>
                <td>${t.channelLabel}</td>
                <td>${this.purposeLabel(list.rows.find((r) => r.id === t.id)!.territory, t.purpose)}</td>
                <td>${t.dueWindow}</td>
                <td>${t.stateLabel}${t.heldByYou ? ' (vous)' : ''}</td>
                <td>${t.attempts}</td>
                <td>
                  ${
                    t.state === 'pending' && Date.parse(t.dueFrom) <= now.getTime() + 60_000
                      ? html`<form class="inline" method="post" action="/appels/equipes/${team.id}/prendre">
                          <input type="hidden" name="_csrf" value="${csrf}" /><input type="hidden" name="taskId" value="${t.id}" /><button>
                            Prendre
                          </button>
                        </form>`
                      : ''
                  }
                </td>
              </tr>`,
          )}
        </table>
        <p>
          ${page > 0 ? html`<a href="/appels/equipes/${team.id}?page=${page - 1}">← précédentes</a> ` : ''}
          ${list.rows.length === PAGE_SIZE ? html`<a href="/appels/equipes/${team.id}?page=${page + 1}">suivantes →</a>` : ''}
        </p>`,
    );
  }

  @Post('equipes/:teamId/prendre')
  @Authorize('task.work')
  async claim(
    @CurrentPrincipal() actor: Principal,
    @Param('teamId', uuid('teamId')) teamId: string,
    @Body() form: Form,
    @Res() reply: FastifyReply,
  ) {
    const back = `/appels/equipes/${teamId}`;
    await this.submit(reply, back, async () => {
      const team = await this.access.team(actor, teamId);
      const taskId = typeof form.taskId === 'string' && form.taskId ? form.taskId : null;
      if (taskId && !/^[0-9a-f-]{36}$/i.test(taskId)) throw UnissonError.validation([{ field: 'taskId', message: 'doit être un UUID' }]);
      await this.work.claim(team, identityOf(actor), taskId);
      return 'Tâche réservée pour vous : elle est en haut de la page, avec son script.';
    });
  }

  @Post('taches/:taskId/commencer')
  @Authorize('task.work')
  async start(@CurrentPrincipal() actor: Principal, @Param('taskId', uuid('taskId')) taskId: string, @Res() reply: FastifyReply) {
    const { team } = await this.access.task(actor, taskId);
    await this.submit(reply, `/appels/equipes/${team.id}`, async () => {
      await this.work.start(taskId, identityOf(actor));
      return 'C’est parti : la tâche ne vous sera plus reprise.';
    });
  }

  @Post('taches/:taskId/rendre')
  @Authorize('task.work')
  async release(@CurrentPrincipal() actor: Principal, @Param('taskId', uuid('taskId')) taskId: string, @Res() reply: FastifyReply) {
    const { team } = await this.access.task(actor, taskId);
    await this.submit(reply, `/appels/equipes/${team.id}`, async () => {
      await this.work.release(taskId, identityOf(actor));
      return 'Tâche rendue à l’équipe.';
    });
  }

  @Post('taches/:taskId/resultat')
  @Authorize('task.work')
  async outcome(
    @CurrentPrincipal() actor: Principal,
    @Param('taskId', uuid('taskId')) taskId: string,
    @Body() form: Form,
    @Res() reply: FastifyReply,
  ) {
    const { task, team } = await this.access.task(actor, taskId);
    await this.submit(reply, `/appels/equipes/${team.id}`, async () => {
      const callbackAt = typeof form.callbackAt === 'string' && form.callbackAt ? localInstant(form.callbackAt, task.timeZone) : undefined;
      const body = parseOrThrow(outcomeSchema, {
        outcome: form.outcome || undefined,
        ...(typeof form.note === 'string' && form.note.trim() ? { note: form.note } : {}),
        ...(callbackAt ? { callbackAt: callbackAt.toISOString() } : {}),
      });
      const agent = identityOf(actor);
      await this.work.recordOutcome(taskId, agent, { outcome: body.outcome, note: body.note ?? null, callbackAt: callbackAt ?? null });
      const closed = await this.work.complete(taskId, agent);
      return closed.state === 'completed'
        ? 'Résultat enregistré, tâche terminée : le plan du foyer en tient compte.'
        : `Résultat enregistré : nouvel essai prévu le ${new Date(closed.notBefore).toLocaleString('fr-FR', { timeZone: closed.timeZone, dateStyle: 'medium', timeStyle: 'short' })}.`;
    });
  }

  @Post('taches/:taskId/clore')
  @Authorize('task.work')
  async close(@CurrentPrincipal() actor: Principal, @Param('taskId', uuid('taskId')) taskId: string, @Res() reply: FastifyReply) {
    const { team } = await this.access.task(actor, taskId);
    await this.submit(reply, `/appels/equipes/${team.id}`, async () => {
      await this.work.complete(taskId, identityOf(actor));
      return 'Tâche close.';
    });
  }
}
