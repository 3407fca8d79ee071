import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiCookieAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { AccessPolicy, Authorize, CurrentPrincipal, Principal } from '@unisson/access';
import { ApiAnswer, ApiErrors, ApiJsonBody, UnissonError, ZodValidationPipe } from '@unisson/platform';
import { AccountsRepository } from '../accounts.repository';
import { DirectoryService } from '../directory.service';
import {
  AccountChangesInput,
  accountChangesSchema,
  AgreementInput,
  agreementSchema,
  NewAccountInput,
  newAccountSchema,
  NewKeyInput,
  newKeySchema,
  NewPartnerInput,
  newPartnerSchema,
  PartnerChangesInput,
  partnerChangesSchema,
  rotateKeySchema,
  territoryCode,
} from '../dto/directory.schemas';
import { PartnersRepository } from '../partners.repository';
import { accountViewSchema, agreementViewSchema, EXAMPLES, issuedKeySchema, keyViewSchema, partnerViewSchema } from './admin.openapi';
import { accountView, agreementView, keyView, partnerView } from './views';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => UnissonError.validation([{ field: 'id', message: 'doit être un UUID' }]) });

/** The admin API (an admin's session with its CSRF token): partners, keys, people, sharing agreements. */
@ApiTags('admin')
@ApiCookieAuth('session')
@ApiErrors(401, 403)
@Controller('v1/admin')
export class AdminApiController {
  constructor(
    private readonly directory: DirectoryService,
    private readonly partners: PartnersRepository,
    private readonly accounts: AccountsRepository,
  ) {}

  @Get('partners')
  @Authorize('partner.manage')
  @ApiOperation({ summary: 'Lister les partenaires' })
  @ApiAnswer(200, 'PartnerList', z.array(partnerViewSchema), [EXAMPLES.partner])
  async listPartners() {
    return (await this.partners.listPartners()).map(partnerView);
  }

  @Post('partners')
  @Authorize('partner.manage')
  @ApiOperation({ summary: 'Créer un partenaire (organisation, type, territoires)' })
  @ApiJsonBody('NewPartner', newPartnerSchema, { slug: 'caf-93', name: 'CAF de la Seine-Saint-Denis', kind: 'caf', territories: ['93'] })
  @ApiAnswer(201, 'Partner', partnerViewSchema, EXAMPLES.partner)
  @ApiErrors(400, 409)
  async createPartner(@CurrentPrincipal() actor: Principal, @Body(new ZodValidationPipe(newPartnerSchema)) body: NewPartnerInput) {
    return partnerView(await this.directory.createPartner(actor, body));
  }

  @Patch('partners/:id')
  @Authorize('partner.manage')
  @ApiOperation({ summary: 'Modifier un partenaire (nom, territoires, numéro public, désactivation)' })
  @ApiJsonBody('PartnerChanges', partnerChangesSchema, { territories: ['93', '95'] })
  @ApiAnswer(200, 'Partner', partnerViewSchema, EXAMPLES.partner)
  @ApiErrors(400, 404)
  async updatePartner(
    @CurrentPrincipal() actor: Principal,
    @Param('id', uuid) id: string,
    @Body(new ZodValidationPipe(partnerChangesSchema)) body: PartnerChangesInput,
  ) {
    return partnerView(await this.directory.updatePartner(actor, id, body));
  }

  @Get('partners/:id/keys')
  @Authorize('api_key.manage')
  @ApiOperation({ summary: 'Les clés API d’un partenaire (sans leur secret)' })
  @ApiAnswer(200, 'ApiKeyList', z.array(keyViewSchema), [EXAMPLES.key])
  @ApiErrors(400)
  async listKeys(@Param('id', uuid) id: string) {
    return (await this.partners.findKeysOfPartner(id)).map(keyView);
  }

  @Post('partners/:id/keys')
  @Authorize('api_key.manage')
  @ApiOperation({ summary: 'Émettre une clé API (affichée une seule fois)' })
  @ApiJsonBody('NewApiKey', newKeySchema, { label: 'Logiciel de gestion locative', scopes: ['alerts:write', 'events:write'] })
  @ApiAnswer(201, 'IssuedApiKey', issuedKeySchema, { token: 'uk_ab12cd34_…', key: EXAMPLES.key })
  @ApiErrors(400, 404)
  async issueKey(
    @CurrentPrincipal() actor: Principal,
    @Param('id', uuid) id: string,
    @Body(new ZodValidationPipe(newKeySchema)) body: NewKeyInput,
  ) {
    const issued = await this.directory.issueKey(actor, id, body);
    return { token: issued.token, key: keyView(issued.key) };
  }

  @Post('keys/:id/rotation')
  @Authorize('api_key.manage')
  @ApiOperation({ summary: 'Renouveler une clé : nouvelle clé, l’ancienne marche encore pendant le recouvrement' })
  @ApiJsonBody('KeyRotation', rotateKeySchema, { overlapHours: 168 })
  @ApiAnswer(201, 'IssuedApiKey', issuedKeySchema, { token: 'uk_ef56gh78_…', key: EXAMPLES.key })
  @ApiErrors(400, 409)
  async rotateKey(
    @CurrentPrincipal() actor: Principal,
    @Param('id', uuid) id: string,
    @Body(new ZodValidationPipe(rotateKeySchema)) body: { overlapHours: number },
  ) {
    const issued = await this.directory.rotateKey(actor, id, body.overlapHours);
    return { token: issued.token, key: keyView(issued.key) };
  }

  @Post('keys/:id/revocation')
  @HttpCode(200)
  @Authorize('api_key.manage')
  @ApiOperation({ summary: 'Révoquer une clé (effet immédiat, au plus 30 s dans les autres processus)' })
  @ApiAnswer(200, 'ApiKey', keyViewSchema, { ...EXAMPLES.key, revokedAt: '2026-12-01T11:00:00.000Z', usable: false })
  @ApiErrors(400, 404)
  async revokeKey(@CurrentPrincipal() actor: Principal, @Param('id', uuid) id: string) {
    return keyView(await this.directory.revokeKey(actor, id));
  }

  @Get('accounts')
  @Authorize('account.manage')
  @ApiOperation({ summary: 'Lister les comptes des personnes' })
  @ApiAnswer(200, 'AccountList', z.array(accountViewSchema), [EXAMPLES.account])
  async listAccounts() {
    return (await this.accounts.listAccounts()).map(accountView);
  }

  @Post('accounts')
  @Authorize('account.manage')
  @ApiOperation({ summary: 'Créer le compte d’une personne (rôle, partenaire, mot de passe initial)' })
  @ApiJsonBody('NewAccount', newAccountSchema, {
    email: 'agent@caf93.example.org',
    displayName: 'Agent CAF',
    role: 'partner_staff',
    partnerId: '2b3c4d5e-0000-4000-8000-000000000001',
    password: 'au moins douze caractères',
  })
  @ApiAnswer(201, 'Account', accountViewSchema, EXAMPLES.account)
  @ApiErrors(400, 404, 409)
  async createAccount(@CurrentPrincipal() actor: Principal, @Body(new ZodValidationPipe(newAccountSchema)) body: NewAccountInput) {
    return accountView(await this.directory.createAccount(actor, body));
  }

  @Patch('accounts/:id')
  @Authorize('account.manage')
  @ApiOperation({ summary: 'Changer le mot de passe, débloquer ou désactiver un compte (ses sessions sont closes)' })
  @ApiJsonBody('AccountChanges', accountChangesSchema, { unlock: true })
  @ApiAnswer(200, 'Account', accountViewSchema, EXAMPLES.account)
  @ApiErrors(400, 404)
  async updateAccount(
    @CurrentPrincipal() actor: Principal,
    @Param('id', uuid) id: string,
    @Body(new ZodValidationPipe(accountChangesSchema)) body: AccountChangesInput,
  ) {
    return accountView(await this.directory.updateAccount(actor, id, body));
  }

  @Get('sharing-agreements')
  @Authorize('sharing_agreement.manage')
  @ApiOperation({ summary: 'Tous les accords de partage (territoire × type de partenaire → champs)' })
  @ApiAnswer(200, 'SharingAgreementList', z.array(agreementViewSchema), [EXAMPLES.agreement])
  async listAgreements() {
    return (await this.accounts.listAgreements()).map(agreementView);
  }

  @Put('sharing-agreements')
  @Authorize('sharing_agreement.manage')
  @ApiOperation({ summary: 'Fixer l’accord de partage d’un type de partenaire sur un territoire' })
  @ApiJsonBody('SharingAgreementInput', agreementSchema, { territory: '93', partnerKind: 'departement', fields: ['debtAmount', 'phone'] })
  @ApiAnswer(200, 'SharingAgreement', agreementViewSchema, EXAMPLES.agreement)
  @ApiErrors(400)
  async setAgreement(@CurrentPrincipal() actor: Principal, @Body(new ZodValidationPipe(agreementSchema)) body: AgreementInput) {
    return agreementView(await this.directory.setAgreement(actor, body));
  }
}

const territoryQuery = z.strictObject({ territory: territoryCode });

/** Partners read the sharing agreements of their territory (what each kind sees of the shared view). */
@ApiTags('access')
@ApiErrors(401, 403, 404)
@Controller('v1/sharing-agreements')
export class SharingAgreementsController {
  constructor(
    private readonly accounts: AccountsRepository,
    private readonly directory: DirectoryService,
    private readonly policy: AccessPolicy,
  ) {}

  @Get()
  @Authorize('sharing_agreement.read')
  @ApiOperation({ summary: 'Les accords de partage d’un de vos territoires, avec les champs accordés à chaque type de partenaire' })
  @ApiAnswer(200, 'SharingAgreementList', z.array(agreementViewSchema), [EXAMPLES.agreement])
  @ApiErrors(400)
  async list(@CurrentPrincipal() actor: Principal, @Query(new ZodValidationPipe(territoryQuery)) query: { territory: string }) {
    this.policy.assert(actor, 'sharing_agreement.read', { territory: query.territory });
    const stored = await this.accounts.listAgreements(query.territory);
    const kinds = new Set(stored.map((a) => a.partnerKind));
    const mine =
      actor.partnerKind && !kinds.has(actor.partnerKind)
        ? [
            {
              territory: query.territory,
              partnerKind: actor.partnerKind,
              fields: await this.directory.fieldsFor(query.territory, actor.partnerKind),
              reference: null,
            },
          ]
        : [];
    return [...stored.map(agreementView), ...mine.map(agreementView)];
  }
}
