import { Body, Controller, Get, Header, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  Authorize,
  CurrentPrincipal,
  PERSONAL_FIELDS,
  Principal,
  ROLE_LABELS,
  ROLES,
  SHARED_VIEW_FIELD_IDS,
  SHARED_VIEW_FIELDS,
} from '@unisson/access';
import { html, parseOrThrow, raw, RawHtml, renderPage, UnissonError } from '@unisson/platform';
import { AccountsRepository, AccountView } from '../accounts.repository';
import { SessionPrincipal } from '../authentication.service';
import { DirectoryService } from '../directory.service';
import { API_SCOPES } from '../domain/api-scope';
import { keyIsUsable } from '../domain/api-key';
import { PARTNER_KIND_LABELS, PARTNER_KINDS } from '../domain/partner-kind';
import { PASSWORD_MIN_LENGTH } from '../domain/password';
import { agreementSchema, newAccountSchema, newKeySchema, newPartnerSchema, partnerChangesSchema } from '../dto/directory.schemas';
import { PartnerPostalAddressValue } from '../entities/partner-postal-address.entity';
import { PartnersRepository } from '../partners.repository';
import { WebPage } from './auth.decorators';

type Form = Record<string, unknown>;
type PageRequest = { session: SessionPrincipal };
const uuid = new ParseUUIDPipe();
const list = (value: unknown): string[] =>
  Array.isArray(value) ? value.map(String) : value === undefined || value === '' ? [] : [String(value)];
const territoriesOf = (value: unknown) =>
  String(value ?? '')
    .split(/[\s,;]+/)
    .map((t) => t.trim().toUpperCase())
    .filter(Boolean);
/** Where a form goes back to: one of the admin pages only. */
const backOf = (form: Form) => (/^\/admin(\/[\w-]*)*$/.test(String(form.back ?? '')) ? String(form.back) : '/admin');
const date = (d: Date | null) => (d ? d.toLocaleString('fr-FR', { timeZone: 'Europe/Paris' }) : '—');

export const ADMIN_NAV: Array<[string, string]> = [
  ['/admin', 'Partenaires'],
  ['/admin/comptes', 'Équipe Unisson'],
  ['/admin/accords', 'Accords de partage'],
  ['/admin/journal', 'Journal d’audit'],
  ['/imports', 'Dépôts de fichiers'],
  ['/campagnes', 'Campagnes'],
  ['/tableau-de-bord', 'Tableau de bord'],
];

/** The admin pages (French): partners, keys, people, sharing agreements. Forms carry the CSRF token. */
@ApiExcludeController()
@WebPage()
@Controller('admin')
export class AdminPagesController {
  constructor(
    private readonly directory: DirectoryService,
    private readonly partners: PartnersRepository,
    private readonly accounts: AccountsRepository,
  ) {}

  private page(request: PageRequest, title: string, query: Form, body: RawHtml): string {
    const notice = query.ok
      ? { kind: 'ok' as const, text: String(query.ok) }
      : query.erreur
        ? { kind: 'error' as const, text: String(query.erreur) }
        : null;
    return renderPage(
      { title, nav: ADMIN_NAV, session: { label: ROLE_LABELS[request.session.role], csrfToken: request.session.csrfToken }, notice },
      body,
    );
  }

  private csrf(request: PageRequest): RawHtml {
    return html`<input type="hidden" name="_csrf" value="${request.session.csrfToken}" />`;
  }

  /** Runs a form's change, then back to `back` with the outcome in French. */
  private async submit(reply: FastifyReply, back: string, run: () => Promise<string>): Promise<void> {
    let target: string;
    try {
      target = `${back}${back.includes('?') ? '&' : '?'}ok=${encodeURIComponent(await run())}`;
    } catch (error) {
      if (!(error instanceof UnissonError)) throw error;
      target = `${back}${back.includes('?') ? '&' : '?'}erreur=${encodeURIComponent(error.message)}`;
    }
    void reply.status(303).header('location', target).send();
  }

  @Get()
  @Authorize('partner.manage')
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  async home(@Req() request: PageRequest, @Query() query: Form): Promise<string> {
    const partners = await this.partners.listPartners();
    return this.page(
      request,
      'Partenaires',
      query,
      html`<table>
          <tr>
            <th>Partenaire</th>
            <th>Type</th>
            <th>Territoires</th>
            <th>État</th>
          </tr>
          ${partners.map(
            (p) =>
              html`<tr>
                <td><a href="/admin/partenaires/${p.id}">${p.name}</a><br /><small>${p.slug}</small></td>
                <td>${PARTNER_KIND_LABELS[p.kind]}</td>
                <td>${(p.territories.length ? p.territories : [p.territory]).join(', ')}</td>
                <td>${p.disabledAt ? 'désactivé' : 'actif'}</td>
              </tr>`,
          )}
        </table>
        <h2>Ajouter un partenaire</h2>
        <form method="post" action="/admin/partenaires">
          ${this.csrf(request)}
          <label>Identifiant (slug) <input type="text" name="slug" placeholder="caf-93" required /></label>
          <label>Nom <input type="text" name="name" required /></label>
          <label
            >Type
            <select name="kind">
              ${PARTNER_KINDS.map((k) => html`<option value="${k}">${PARTNER_KIND_LABELS[k]}</option>`)}
            </select></label
          >
          <label
            >Territoires (codes de département, séparés par des virgules)
            <input type="text" name="territories" placeholder="93, 95" required
          /></label>
          <label>Numéro public (E.164, facultatif) <input type="text" name="publicPhone" placeholder="+33148000001" /></label>
          <button>Créer</button>
        </form>`,
    );
  }

  @Post('partenaires')
  @Authorize('partner.manage')
  async createPartner(@CurrentPrincipal() actor: Principal, @Body() form: Form, @Res() reply: FastifyReply): Promise<void> {
    await this.submit(reply, '/admin', async () => {
      const input = parseOrThrow(newPartnerSchema, {
        slug: form.slug,
        name: form.name,
        kind: form.kind,
        territories: territoriesOf(form.territories),
        publicPhone: form.publicPhone ? String(form.publicPhone) : null,
      });
      const partner = await this.directory.createPartner(actor, input);
      return `Partenaire « ${partner.name} » créé.`;
    });
  }

  @Get('partenaires/:id')
  @Authorize('partner.manage')
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  async partner(@Req() request: PageRequest, @Param('id', uuid) id: string, @Query() query: Form): Promise<string> {
    const partner = await this.partners.findPartner(id);
    if (!partner) throw UnissonError.notFound();
    const [keys, people, address] = await Promise.all([
      this.partners.findKeysOfPartner(id),
      this.accounts.listAccounts(id),
      partner.kind === 'bailleur_prive' ? this.partners.findPostalAddress(id) : Promise.resolve(null),
    ]);
    const csrf = this.csrf(request);
    const back = `/admin/partenaires/${id}`;
    return this.page(
      request,
      `${partner.name}`,
      query,
      html`<p>${PARTNER_KIND_LABELS[partner.kind]} — <code>${partner.slug}</code> — ${partner.disabledAt ? 'désactivé' : 'actif'}</p>
        <form method="post" action="${back}">
          ${csrf}
          <label
            >Territoires
            <input
              type="text"
              name="territories"
              value="${(partner.territories.length ? partner.territories : [partner.territory]).join(', ')}"
          /></label>
          <label>Numéro public <input type="text" name="publicPhone" value="${partner.publicPhone ?? ''}" /></label>
          <label
            ><input type="checkbox" name="disabled" value="true" ${partner.disabledAt ? raw('checked') : ''} /> Désactivé (clés et comptes
            refusés)</label
          >
          <button>Enregistrer</button>
        </form>
        ${partner.kind === 'bailleur_prive' ? this.landlordAddressForm(back, csrf, address?.address ?? null) : ''}
        <h2>Clés API</h2>
        <table>
          <tr>
            <th>Préfixe</th>
            <th>Libellé</th>
            <th>Permissions</th>
            <th>Créée</th>
            <th>État</th>
            <th></th>
          </tr>
          ${keys.map(
            (k) =>
              html`<tr>
                <td><code>uk_${k.prefix}_…</code></td>
                <td>${k.label}</td>
                <td>${k.scopes.join(', ')}</td>
                <td>${date(k.createdAt)}</td>
                <td>
                  ${k.revokedAt ? `révoquée le ${date(k.revokedAt)}` : k.expiresAt ? `renouvelée : marche jusqu’au ${date(k.expiresAt)}` : 'active'}
                </td>
                <td>
                  ${
                    keyIsUsable(k, Date.now()) && !k.replacedByKeyId
                      ? html`<form class="inline" method="post" action="/admin/cles/${k.id}/renouveler">
                          ${csrf}<input type="number" name="overlapHours" value="168" min="0" max="2160" style="min-width:5rem" /> h de
                          recouvrement <button>Renouveler</button>
                        </form>`
                      : ''
                  }
                  ${k.revokedAt ? '' : html`<form class="inline" method="post" action="/admin/cles/${k.id}/revoquer">${csrf}<button class="danger">Révoquer</button></form>`}
                </td>
              </tr>`,
          )}
        </table>
        <form method="post" action="${back}/cles">
          ${csrf}
          <fieldset>
            <legend>Émettre une clé</legend>
            <label>Libellé <input type="text" name="label" required placeholder="Logiciel de gestion locative" /></label>
            ${API_SCOPES.map((s) => html`<label><input type="checkbox" name="scopes" value="${s}" /> ${s}</label>`)}
            <button>Émettre</button>
          </fieldset>
        </form>
        <h2>Personnes</h2>
        ${this.accountsTable(people, csrf, back)}
        <form method="post" action="/admin/comptes">
          ${csrf}<input type="hidden" name="partnerId" value="${id}" /><input type="hidden" name="back" value="${back}" />
          <fieldset>
            <legend>Créer un compte</legend>
            ${this.accountFields()}
          </fieldset>
        </form>`,
    );
  }

  /** A private landlord's postal address: where the letters to the landlord go (checked by libs/letters when the form is sent). */
  private landlordAddressForm(back: string, csrf: RawHtml, address: PartnerPostalAddressValue | null): RawHtml {
    return html`<h2>Adresse postale (courriers au bailleur)</h2>
      <p>
        ${
          address
            ? html`Les courriers de l’équipe mobile au bailleur partent à :<br /><strong
                  >${address.lines.map((l, i) => html`${i ? html`<br />` : ''}${l}`)}</strong
                >`
            : 'Aucune adresse : aucun courrier au bailleur n’est planifié (le plan du ménage le dit).'
        }
      </p>
      <form method="post" action="${back}/adresse">
        ${csrf}
        <label>Nom (ligne 1) <input type="text" name="name" value="${address?.name ?? ''}" placeholder="M. Jean Lefèvre" required /></label>
        <label
          >Complément (appartement, bâtiment, résidence ; facultatif)
          <input type="text" name="addressExtra" value="${address?.addressExtra ?? ''}"
        /></label>
        <label>Numéro et rue <input type="text" name="street" value="${address?.street ?? ''}" required /></label>
        <label>Code postal <input type="text" name="postalCode" value="${address?.postalCode ?? ''}" inputmode="numeric" required /></label>
        <label>Ville <input type="text" name="city" value="${address?.city ?? ''}" required /></label>
        <button>Enregistrer l’adresse</button>
      </form>`;
  }

  private accountsTable(people: AccountView[], csrf: RawHtml, back: string): RawHtml {
    return html`<table>
      <tr>
        <th>Personne</th>
        <th>Rôle</th>
        <th>Dernière connexion</th>
        <th>État</th>
        <th></th>
      </tr>
      ${people.map(
        (a) =>
          html`<tr>
            <td>${a.displayName}<br /><small>${a.email}</small></td>
            <td>${ROLE_LABELS[a.role]}</td>
            <td>${date(a.lastLoginAt)}</td>
            <td>
              ${a.disabledAt ? 'désactivé' : a.lockedUntil && a.lockedUntil.getTime() > Date.now() ? `bloqué jusqu’à ${date(a.lockedUntil)}` : 'actif'}
            </td>
            <td>
              <form class="inline" method="post" action="/admin/comptes/${a.id}">
                ${csrf}<input type="hidden" name="back" value="${back}" />
                <button name="op" value="unlock" class="secondary">Débloquer</button>
                <button name="op" value="${a.disabledAt ? 'enable' : 'disable'}" class="danger">
                  ${a.disabledAt ? 'Réactiver' : 'Désactiver'}
                </button>
              </form>
            </td>
          </tr>`,
      )}
    </table>`;
  }

  private accountFields(roles: readonly string[] = ROLES.filter((r) => r !== 'admin' && r !== 'operator')): RawHtml {
    return html`<label>Adresse électronique <input type="email" name="email" required /></label>
      <label>Nom affiché <input type="text" name="displayName" required /></label>
      <label
        >Rôle
        <select name="role">
          ${roles.map((r) => html`<option value="${r}">${ROLE_LABELS[r as keyof typeof ROLE_LABELS]}</option>`)}
        </select></label
      >
      <label
        >Mot de passe initial (${PASSWORD_MIN_LENGTH} caractères au moins)
        <input type="password" name="password" autocomplete="new-password" minlength="${PASSWORD_MIN_LENGTH}" required
      /></label>
      <button>Créer le compte</button>`;
  }

  @Post('partenaires/:id')
  @Authorize('partner.manage')
  async updatePartner(@CurrentPrincipal() actor: Principal, @Param('id', uuid) id: string, @Body() form: Form, @Res() reply: FastifyReply) {
    await this.submit(reply, `/admin/partenaires/${id}`, async () => {
      const changes = parseOrThrow(partnerChangesSchema, {
        territories: territoriesOf(form.territories),
        publicPhone: form.publicPhone ? String(form.publicPhone) : null,
        disabled: form.disabled === 'true',
      });
      await this.directory.updatePartner(actor, id, changes);
      return 'Partenaire enregistré.';
    });
  }

  @Post('partenaires/:id/cles')
  @Authorize('api_key.manage')
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  async issueKey(
    @Req() request: PageRequest,
    @CurrentPrincipal() actor: Principal,
    @Param('id', uuid) id: string,
    @Body() form: Form,
  ): Promise<string> {
    const input = parseOrThrow(newKeySchema, { label: form.label, scopes: list(form.scopes) });
    const issued = await this.directory.issueKey(actor, id, input);
    return this.shownOnce(request, id, issued.token, 'Clé émise');
  }

  @Post('cles/:id/renouveler')
  @Authorize('api_key.manage')
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  async rotateKey(
    @Req() request: PageRequest,
    @CurrentPrincipal() actor: Principal,
    @Param('id', uuid) id: string,
    @Body() form: Form,
  ): Promise<string> {
    const overlap = Math.max(0, Math.min(2160, Number(form.overlapHours ?? 168) || 0));
    const issued = await this.directory.rotateKey(actor, id, overlap);
    return this.shownOnce(request, issued.key.partnerId, issued.token, `Clé renouvelée (l’ancienne marche encore ${overlap} h)`);
  }

  private shownOnce(request: PageRequest, partnerId: string, token: string, title: string): string {
    return this.page(
      request,
      title,
      {},
      html`<p>
          Copiez cette clé maintenant et remettez-la au partenaire par un canal sûr :
          <strong>elle ne sera plus jamais affichée</strong> (Unisson n’en garde qu’une empreinte).
        </p>
        <p class="secret">${token}</p>
        <p><a href="/admin/partenaires/${partnerId}">Retour au partenaire</a></p>`,
    );
  }

  @Post('cles/:id/revoquer')
  @Authorize('api_key.manage')
  async revokeKey(@CurrentPrincipal() actor: Principal, @Param('id', uuid) id: string, @Res() reply: FastifyReply) {
    const key = await this.partners.findKey(id);
    await this.submit(reply, key ? `/admin/partenaires/${key.partnerId}` : '/admin', async () => {
      await this.directory.revokeKey(actor, id);
      return `Clé uk_${key?.prefix ?? ''}_… révoquée.`;
    });
  }

  @Get('comptes')
  @Authorize('account.manage')
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  async staff(@Req() request: PageRequest, @Query() query: Form): Promise<string> {
    const csrf = this.csrf(request);
    return this.page(
      request,
      'Équipe Unisson (administrateurs, opérateurs)',
      query,
      html`${this.accountsTable(await this.accounts.listAccounts(null), csrf, '/admin/comptes')}
        <form method="post" action="/admin/comptes">
          ${csrf}<input type="hidden" name="back" value="/admin/comptes" />
          <fieldset>
            <legend>Créer un compte</legend>
            ${this.accountFields(['operator', 'admin'])}
          </fieldset>
        </form>`,
    );
  }

  @Post('comptes')
  @Authorize('account.manage')
  async createAccount(@CurrentPrincipal() actor: Principal, @Body() form: Form, @Res() reply: FastifyReply) {
    await this.submit(reply, backOf(form), async () => {
      const input = parseOrThrow(newAccountSchema, {
        email: form.email,
        displayName: form.displayName,
        role: form.role,
        partnerId: form.partnerId ? String(form.partnerId) : null,
        password: form.password,
      });
      await this.directory.createAccount(actor, input);
      return 'Compte créé. Transmettez le mot de passe initial à la personne par un autre canal.';
    });
  }

  @Post('comptes/:id')
  @Authorize('account.manage')
  async changeAccount(@CurrentPrincipal() actor: Principal, @Param('id', uuid) id: string, @Body() form: Form, @Res() reply: FastifyReply) {
    await this.submit(reply, backOf(form), async () => {
      const op = String(form.op);
      await this.directory.updateAccount(actor, id, op === 'unlock' ? { unlock: true } : { disabled: op === 'disable' });
      return op === 'unlock' ? 'Compte débloqué.' : op === 'disable' ? 'Compte désactivé (sessions closes).' : 'Compte réactivé.';
    });
  }

  @Get('accords')
  @Authorize('sharing_agreement.manage')
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  async agreements(@Req() request: PageRequest, @Query() query: Form): Promise<string> {
    const territory = /^[0-9AB]{2,3}$/.test(String(query.territoire ?? '')) ? String(query.territoire) : '93';
    const stored = new Map((await this.accounts.listAgreements(territory)).map((a) => [a.partnerKind, a]));
    const csrf = this.csrf(request);
    return this.page(
      request,
      `Accords de partage — territoire ${territory}`,
      query,
      html`<form method="get" action="/admin/accords">
          <label>Territoire <input type="text" name="territoire" value="${territory}" style="min-width:4rem" /></label>
          <button class="secondary">Afficher</button>
        </form>
        <p>
          Ce que chaque type de partenaire voit de la vue partagée d’un foyer, pour la prévention des expulsions seulement. Sans accord :
          l’étape et les types de partenaires impliqués. Les champs marqués ● sont des données personnelles.
        </p>
        ${PARTNER_KINDS.map((kind) => {
          const current = new Set(stored.get(kind)?.fields ?? ['stage', 'partnersInvolved']);
          return html`<form method="post" action="/admin/accords">
            ${csrf}<input type="hidden" name="territory" value="${territory}" /><input type="hidden" name="partnerKind" value="${kind}" />
            <fieldset>
              <legend>${PARTNER_KIND_LABELS[kind]}</legend>
              ${SHARED_VIEW_FIELD_IDS.map(
                (f) =>
                  html`<label style="display:inline-block;margin-right:1rem"
                    ><input type="checkbox" name="fields" value="${f}" ${current.has(f) ? raw('checked') : ''} />
                    ${SHARED_VIEW_FIELDS[f]}${PERSONAL_FIELDS.includes(f) ? ' ●' : ''}</label
                  >`,
              )}
              <label>Référence de l’accord <input type="text" name="reference" value="${stored.get(kind)?.reference ?? ''}" /></label
              ><button>Enregistrer</button>
            </fieldset>
          </form>`;
        })}`,
    );
  }

  @Post('accords')
  @Authorize('sharing_agreement.manage')
  async setAgreement(@CurrentPrincipal() actor: Principal, @Body() form: Form, @Res() reply: FastifyReply) {
    await this.submit(reply, `/admin/accords?territoire=${encodeURIComponent(String(form.territory ?? ''))}`, async () => {
      const input = parseOrThrow(agreementSchema, {
        territory: form.territory,
        partnerKind: form.partnerKind,
        fields: list(form.fields),
        reference: form.reference || null,
      });
      await this.directory.setAgreement(actor, input);
      return `Accord enregistré pour ${PARTNER_KIND_LABELS[input.partnerKind]}.`;
    });
  }
}
