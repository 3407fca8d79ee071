import { Body, Controller, Get, Header, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Authorize, CurrentPrincipal, decide, identityOf, mayAttempt, PersonPrincipal, Principal, ROLE_LABELS } from '@unisson/access';
import { PlaybookCatalog } from '@unisson/coordination';
import { isProcedureStage, PROCEDURE_STAGES, ProcedureStage, STAGE_LABELS } from '@unisson/vocabulary';
import { WebPage } from '@unisson/partners';
import { html, parseOrThrow, renderPage, UnissonError } from '@unisson/platform';
import { CampaignsRepository } from '../campaigns.repository';
import { CampaignsService } from '../campaigns.service';
import { CAMPAIGN_STATUS_LABELS } from '../domain/campaign';
import { newCampaignSchema } from '../dto/campaign.schemas';
import { campaignView } from './campaign.views';

type PageRequest = { session: PersonPrincipal & { csrfToken: string } };
type Form = Record<string, unknown>;
const COMMAND_LABELS: Record<string, string> = {
  submit: 'Demander l’approbation',
  approve: 'Approuver',
  reject: 'Renvoyer en brouillon',
  launch: 'Lancer',
  pause: 'Mettre en pause',
  cancel: 'Annuler',
};
const number = (value: unknown) => (value === undefined || value === '' ? undefined : Number(String(value).replace(',', '.')));

/** The campaigns pages (French): prepare, preview the audience, approve (another person), launch, follow. */
@ApiExcludeController()
@WebPage()
@Controller('campagnes')
export class CampaignsPageController {
  constructor(
    private readonly service: CampaignsService,
    private readonly campaigns: CampaignsRepository,
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
          ['/campagnes', 'Campagnes'],
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
      // A refusal of the policy keeps its status (403, or 404 for another partner's campaign): a redirect would tell them apart.
      if (!(error instanceof UnissonError) || [401, 403, 404].includes(error.statusCode)) throw error;
      target = `${back}?erreur=${encodeURIComponent(error.message)}`;
    }
    void reply.status(303).header('location', target).send();
  }

  @Get()
  @Authorize('campaign.read')
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  async list(@Req() request: PageRequest, @Query() query: Form): Promise<string> {
    const s = request.session;
    const campaigns = (await this.campaigns.list(s.partnerId)).map(campaignView);
    const territory = s.territories[0] ?? '93';
    let purposes: Array<{ id: string; label: string; stage: string }> = [];
    try {
      purposes = this.playbooks
        .forTerritory(territory, new Date().toISOString().slice(0, 10))
        .purposes.map((p) => ({ id: p.id, label: p.label, stage: p.stage }));
    } catch {
      purposes = [];
    }
    const canCreate = mayAttempt(s, 'campaign.create').allow;
    return this.render(
      request,
      'Campagnes',
      query,
      html`<table>
          <tr>
            <th>Campagne</th>
            <th>Objet</th>
            <th>Étape</th>
            <th>État</th>
            <th>Demandes produites</th>
          </tr>
          ${campaigns.map(
            (c) =>
              html`<tr>
                <td><a href="/campagnes/${c.id}">${c.name}</a></td>
                <td>${c.purpose}</td>
                <td>${String(c.target.stage)}</td>
                <td>${c.statusLabel}</td>
                <td>${c.intentsProduced}</td>
              </tr>`,
          )}
        </table>
        ${
          canCreate
            ? html`<h2>Préparer une campagne</h2>
                <form method="post" action="/campagnes">
                  <input type="hidden" name="_csrf" value="${s.csrfToken}" /><input type="hidden" name="territory" value="${territory}" />
                  <label>Nom <input type="text" name="name" required /></label>
                  <label
                    >Étape visée
                    <select name="stage">
                      ${PROCEDURE_STAGES.map((st) => html`<option value="${st}">${STAGE_LABELS[st]}</option>`)}
                    </select></label
                  >
                  <label
                    >Objet (du playbook du territoire ${territory})
                    <select name="purpose">
                      ${purposes.map((p) => html`<option value="${p.id}">${p.label} (${p.stage})</option>`)}
                    </select></label
                  >
                  <label>Dette minimale (€) <input type="number" name="debtMin" min="0" step="0.01" /></label>
                  <label>Dette maximale (€) <input type="number" name="debtMax" min="0" step="0.01" /></label>
                  <label
                    >Parc
                    <select name="housingSector">
                      <option value="">tous</option>
                      <option value="social">social</option>
                      <option value="prive">privé</option>
                    </select></label
                  >
                  <label
                    >Allocataires
                    <select name="benefitRecipient">
                      <option value="">tous</option>
                      <option value="true">seulement les allocataires</option>
                      <option value="false">seulement les non-allocataires</option>
                    </select></label
                  >
                  <label>Date de lancement (facultative) <input type="datetime-local" name="scheduledAt" /></label>
                  <button>Créer le brouillon</button>
                </form>
                <p class="muted">
                  Une autre personne de votre organisation devra l’approuver avant son lancement (principe des quatre yeux).
                </p>`
            : ''
        }`,
    );
  }

  @Post()
  @Authorize('campaign.create')
  async create(@CurrentPrincipal() actor: Principal, @Body() form: Form, @Res() reply: FastifyReply): Promise<void> {
    try {
      const input = parseOrThrow(newCampaignSchema, {
        name: form.name,
        purpose: form.purpose,
        target: {
          stage: form.stage,
          territory: form.territory,
          ...(number(form.debtMin) !== undefined ? { debtMin: number(form.debtMin) } : {}),
          ...(number(form.debtMax) !== undefined ? { debtMax: number(form.debtMax) } : {}),
          ...(form.housingSector ? { housingSector: form.housingSector } : {}),
          ...(form.benefitRecipient ? { benefitRecipient: form.benefitRecipient === 'true' } : {}),
        },
        scheduledAt: form.scheduledAt ? new Date(`${String(form.scheduledAt)}:00+01:00`).toISOString() : null,
      });
      const campaign = await this.service.create(actor, input);
      const ok = encodeURIComponent('Brouillon créé. Vérifiez l’audience, puis demandez l’approbation.');
      void reply.status(303).header('location', `/campagnes/${campaign.id}?ok=${ok}`).send();
    } catch (error) {
      if (!(error instanceof UnissonError)) throw error;
      void reply
        .status(303)
        .header('location', `/campagnes?erreur=${encodeURIComponent(error.message)}`)
        .send();
    }
  }

  @Get(':id')
  @Authorize('campaign.read')
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  async detail(@Req() request: PageRequest, @Param('id', new ParseUUIDPipe()) id: string, @Query() query: Form): Promise<string> {
    const s = request.session;
    const campaign = await this.service.visible(s, id, 'campaign.read');
    const view = campaignView(campaign);
    const [preview, results] = await Promise.all([this.service.preview(campaign.target), this.service.results(campaign)]);
    const actionOf = (c: string) => (c === 'approve' ? 'campaign.approve' : c === 'cancel' ? 'campaign.cancel' : 'campaign.change');
    const resource = { ownerPartnerId: campaign.partnerId, createdBy: campaign.createdBy };
    const buttons = view.commands.filter((c) => decide(s, actionOf(c) as 'campaign.change', resource).allow);
    const waitingForOther = view.commands.includes('approve') && campaign.createdBy === identityOf(s);
    return this.render(
      request,
      view.name,
      query,
      html`<p>
          État : <strong>${view.statusLabel}</strong> — objet <code>${view.purpose}</code> (étape
          ${isProcedureStage(String(view.target.stage)) ? STAGE_LABELS[view.target.stage as ProcedureStage] : ''}) — territoire
          ${view.territory}${
            view.scheduledAt
              ? html` — programmée le ${new Date(view.scheduledAt).toLocaleString('fr-FR', { timeZone: 'Europe/Paris' })}`
              : ''
          }
        </p>
        <p class="muted">Créée par ${view.createdBy}${view.approvedBy ? html`, approuvée par ${view.approvedBy}` : ''}.</p>
        ${waitingForOther ? html`<p class="notice error">Vous êtes l’auteur : une autre personne de votre organisation doit approuver cette campagne.</p>` : ''}
        <form method="post" action="/campagnes/${view.id}/action">
          <input type="hidden" name="_csrf" value="${s.csrfToken}" />
          ${buttons.map((c) => html`<button name="command" value="${c}" class="${c === 'cancel' ? 'danger' : ''}">${COMMAND_LABELS[c]}</button> `)}
        </form>
        <h2>Audience aujourd’hui</h2>
        <p><strong>${preview.households.label}</strong> foyers (les nombres sous 10 sont masqués, les autres arrondis à 5).</p>
        <table>
          <tr>
            <th>Groupe</th>
            <th>Foyers</th>
          </tr>
          ${preview.byGroup.map(
            (g) =>
              html`<tr>
                <td>${g.key}</td>
                <td>${g.label}</td>
              </tr>`,
          )}
        </table>
        <h2>Résultats</h2>
        <table>
          <tr>
            <td>Demandes produites pour le moteur de coordination</td>
            <td>${results.intentsProduced}</td>
          </tr>
          <tr>
            <td>Foyers concernés</td>
            <td>${results.households.label}</td>
          </tr>
          <tr>
            <td>Contacts prévus</td>
            <td>${results.contactsPlanned.label}</td>
          </tr>
          <tr>
            <td>Contacts remis à l’envoi</td>
            <td>${results.contactsHandedOff.label}</td>
          </tr>
          <tr>
            <td>Foyers qui ont répondu depuis le lancement</td>
            <td>${results.householdsResponded.label}</td>
          </tr>
        </table>
        <p class="muted">
          Statuts :
          ${Object.entries(CAMPAIGN_STATUS_LABELS)
            .map(([, l]) => l)
            .join(' → ')}.
        </p>`,
    );
  }

  @Post(':id/action')
  @Authorize('campaign.read')
  async act(
    @CurrentPrincipal() actor: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() form: Form,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.submit(reply, `/campagnes/${id}`, async () => {
      const command = String(form.command);
      if (!Object.keys(COMMAND_LABELS).includes(command)) throw UnissonError.validation([{ field: 'command', message: 'action inconnue' }]);
      const campaign = await this.service.command(actor, id, command as 'submit');
      return `${COMMAND_LABELS[command]} : fait. État : ${campaignView(campaign).statusLabel}.`;
    });
  }
}
