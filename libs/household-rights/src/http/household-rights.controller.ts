import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Authorize, CurrentPrincipal, Principal, SHARED_VIEW_FIELD_IDS } from '@unisson/access';
import { Audited } from '@unisson/audit';
import { addressSchema, contactsSchema } from '@unisson/intake';
import { ApiAnswer, ApiErrors, ApiJsonBody, UnissonError, ZodValidationPipe } from '@unisson/platform';
import { HouseholdRightsService, OPT_OUT_CHANNELS } from '../household-rights.service';
import { HouseholdViewService } from '../household-view.service';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => UnissonError.validation([{ field: 'id', message: 'doit être un UUID' }]) });

const correctionSchema = z
  .strictObject({
    phone: contactsSchema.shape.phone.unwrap().nullable().optional().describe('Nouveau téléphone (null : l’effacer)'),
    email: contactsSchema.shape.email.unwrap().nullable().optional().describe('Nouvelle adresse électronique (null : l’effacer)'),
    address: addressSchema.optional(),
  })
  .refine((c) => c.phone !== undefined || c.email !== undefined || c.address !== undefined, {
    message: 'donnez au moins phone, email ou address',
    path: ['(body)'],
  });
const optOutSchema = z.strictObject({ channel: z.enum(OPT_OUT_CHANNELS, { error: `doit être l’un de : ${OPT_OUT_CHANNELS.join(', ')}` }) });

const sharedViewSchema = z.object({
  householdId: z.string().uuid(),
  fields: z.array(z.enum(SHARED_VIEW_FIELD_IDS as [string, ...string[]])).describe('Champs que l’accord de partage vous accorde'),
  view: z.record(z.string(), z.unknown()).describe('La vue partagée, limitée à ces champs'),
});
const SHARED_EXAMPLE = {
  householdId: '9a8b7c6d-0000-4000-8000-000000000009',
  fields: ['stage', 'partnersInvolved', 'hearing', 'lastResponse'],
  view: {
    stage: 'assignation',
    partnersInvolved: ['bailleur_social', 'caf'],
    hearing: { at: '2027-01-12T09:00:00.000Z', place: 'Tribunal de Bobigny' },
    lastResponse: null,
  },
};

/** The household's data for partners (shared view, export) and its rights (correction, objection). */
@ApiTags('households')
@ApiSecurity('api-key')
@ApiErrors(401, 403, 404)
@Controller('v1/households')
export class HouseholdRightsController {
  constructor(
    private readonly view: HouseholdViewService,
    private readonly rights: HouseholdRightsService,
  ) {}

  @Get(':id/shared-view')
  @Authorize('household.shared_view.read')
  @Audited({
    action: 'household.shared_view.read',
    subjectType: 'household',
    subjectId: 'id',
    householdId: 'id',
    fields: ['(accord de partage)'],
  })
  @ApiOperation({
    summary: 'La vue partagée d’un foyer : ce que l’accord de partage du territoire accorde à votre type de partenaire',
    description:
      'Ce qu’un partenaire a appris n’est pas redemandé par le suivant (« dites-le nous une fois »), dans la limite de l’accord.',
  })
  @ApiAnswer(200, 'SharedView', sharedViewSchema, SHARED_EXAMPLE)
  @ApiErrors(400)
  async sharedView(@CurrentPrincipal() actor: Principal, @Param('id', uuid) id: string) {
    return { householdId: id, ...(await this.view.sharedView(actor, id)) };
  }

  @Get(':id/export')
  @Authorize('household.export')
  @Audited({ action: 'household.export', subjectType: 'household', subjectId: 'id', householdId: 'id' })
  @ApiOperation({
    summary: 'Exporter les données détenues sur un foyer (droit d’accès, RGPD art. 15)',
    description:
      'Pour l’administrateur Unisson : tout (fiches des partenaires, procédure, demandes, plan, messages, réponses, journal des accès). Pour un partenaire : ses fiches et la vue partagée permise.',
  })
  @ApiAnswer(200, 'HouseholdExport', z.record(z.string(), z.unknown()), {
    householdId: SHARED_EXAMPLE.householdId,
    exportedAt: '2026-12-01T10:30:00.000Z',
    records: [],
    messages: [],
    accessLog: [],
  })
  @ApiErrors(400)
  async export(@CurrentPrincipal() actor: Principal, @Param('id', uuid) id: string) {
    return this.view.export(actor, id);
  }

  @Patch(':id/contacts')
  @Authorize('household.contacts.correct')
  @ApiOperation({ summary: 'Corriger les coordonnées d’un foyer (droit de rectification) : vos fiches ; toutes pour l’administrateur' })
  @ApiJsonBody('ContactCorrection', correctionSchema, { phone: '06 98 76 54 32' })
  @ApiAnswer(
    200,
    'ContactCorrected',
    z.object({ householdId: z.string().uuid(), recordsCorrected: z.number().int(), fields: z.array(z.string()) }),
    {
      householdId: SHARED_EXAMPLE.householdId,
      recordsCorrected: 1,
      fields: ['phone'],
    },
  )
  @ApiErrors(400)
  async correct(
    @CurrentPrincipal() actor: Principal,
    @Param('id', uuid) id: string,
    @Body(new ZodValidationPipe(correctionSchema)) body: z.infer<typeof correctionSchema>,
    @Req() request: { id?: unknown },
  ) {
    return this.rights.correctContacts(actor, id, body, typeof request.id === 'string' ? request.id : null);
  }

  @Post(':id/opt-outs')
  @HttpCode(200)
  @Authorize('household.opt_out.write')
  @ApiOperation({ summary: 'Enregistrer l’opposition d’un foyer à un canal : respectée par tous les partenaires à la fois' })
  @ApiJsonBody('OptOut', optOutSchema, { channel: 'sms' })
  @ApiAnswer(
    200,
    'OptOutRecorded',
    z.object({ householdId: z.string().uuid(), channel: z.enum(OPT_OUT_CHANNELS), recorded: z.enum(['new', 'already']) }),
    {
      householdId: SHARED_EXAMPLE.householdId,
      channel: 'sms',
      recorded: 'new',
    },
  )
  @ApiErrors(400)
  async optOut(
    @CurrentPrincipal() actor: Principal,
    @Param('id', uuid) id: string,
    @Body(new ZodValidationPipe(optOutSchema)) body: z.infer<typeof optOutSchema>,
    @Req() request: { id?: unknown },
  ) {
    return this.rights.optOut(actor, id, body.channel, typeof request.id === 'string' ? request.id : null);
  }
}
