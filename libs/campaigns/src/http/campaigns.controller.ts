import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Authorize, CurrentPrincipal, Principal } from '@unisson/access';
import { ApiAnswer, ApiErrors, ApiJsonBody, UnissonError, ZodValidationPipe } from '@unisson/platform';
import { CampaignsRepository } from '../campaigns.repository';
import { CampaignsService, targetOf } from '../campaigns.service';
import {
  CampaignChangesInput,
  campaignChangesSchema,
  campaignTargetSchema,
  CampaignTargetInput,
  NewCampaignInput,
  newCampaignSchema,
} from '../dto/campaign.schemas';
import { CAMPAIGN_EXAMPLE, campaignView, campaignViewSchema, previewSchema, resultsSchema } from './campaign.views';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => UnissonError.validation([{ field: 'id', message: 'doit être un UUID' }]) });
const COMMANDS = ['submit', 'approve', 'reject', 'launch', 'pause', 'cancel'] as const;
type Command = (typeof COMMANDS)[number];
const NEW_EXAMPLE = {
  name: 'Lettre de prévention CCAPEX — commandements de décembre',
  purpose: 'lettrePreventionCcapex',
  target: { stage: 'commandement_de_payer', territory: '93', debtMin: 1000, housingSector: 'prive' },
  scheduledAt: '2026-12-08T09:00:00+01:00',
};
const PREVIEW_EXAMPLE = {
  households: { count: 1250, label: '1250' },
  byGroup: [{ key: 'parc privé — dette 1 000 à 3 000 €', count: 830, label: '830' }],
};

/** Campaigns of the CAF, the State services and the Département (four eyes: the author never approves). */
@ApiTags('campaigns')
@ApiSecurity('api-key')
@ApiErrors(401, 403)
@Controller('v1/campaigns')
export class CampaignsController {
  constructor(
    private readonly service: CampaignsService,
    private readonly campaigns: CampaignsRepository,
  ) {}

  @Post('audience-preview')
  @HttpCode(200)
  @Authorize('campaign.create')
  @ApiOperation({ summary: 'Compter l’audience d’une cible avant de créer la campagne (moins de 10 : masqué)' })
  @ApiJsonBody('CampaignTarget', campaignTargetSchema, NEW_EXAMPLE.target)
  @ApiAnswer(200, 'AudiencePreview', previewSchema, PREVIEW_EXAMPLE)
  @ApiErrors(400, 404)
  async previewTarget(
    @CurrentPrincipal() actor: Principal,
    @Body(new ZodValidationPipe(campaignTargetSchema)) target: CampaignTargetInput,
  ) {
    return this.service.previewFor(actor, targetOf(target));
  }

  @Post()
  @Authorize('campaign.create')
  @ApiOperation({ summary: 'Préparer une campagne (brouillon) : cible, objet du playbook, date' })
  @ApiJsonBody('NewCampaign', newCampaignSchema, NEW_EXAMPLE)
  @ApiAnswer(201, 'Campaign', campaignViewSchema, {
    ...CAMPAIGN_EXAMPLE,
    status: 'draft',
    statusLabel: 'Brouillon',
    commands: ['submit', 'cancel'],
  })
  @ApiErrors(400, 404)
  async create(@CurrentPrincipal() actor: Principal, @Body(new ZodValidationPipe(newCampaignSchema)) body: NewCampaignInput) {
    return campaignView(await this.service.create(actor, body));
  }

  @Get()
  @Authorize('campaign.read')
  @ApiOperation({ summary: 'Les campagnes de votre organisation' })
  @ApiAnswer(200, 'CampaignList', z.array(campaignViewSchema), [CAMPAIGN_EXAMPLE])
  async list(@CurrentPrincipal() actor: Principal) {
    return (await this.campaigns.list(actor.partnerId)).map(campaignView);
  }

  @Get(':id')
  @Authorize('campaign.read')
  @ApiOperation({ summary: 'Une campagne, son état et les actions possibles' })
  @ApiAnswer(200, 'Campaign', campaignViewSchema, CAMPAIGN_EXAMPLE)
  @ApiErrors(400, 404)
  async get(@CurrentPrincipal() actor: Principal, @Param('id', uuid) id: string) {
    return campaignView(await this.service.visible(actor, id, 'campaign.read'));
  }

  @Patch(':id')
  @Authorize('campaign.change')
  @ApiOperation({ summary: 'Modifier une campagne en brouillon ou en attente (elle redevient brouillon : l’approbation est à refaire)' })
  @ApiJsonBody('CampaignChanges', campaignChangesSchema, { scheduledAt: '2026-12-09T09:00:00+01:00' })
  @ApiAnswer(200, 'Campaign', campaignViewSchema, { ...CAMPAIGN_EXAMPLE, status: 'draft' })
  @ApiErrors(400, 404, 409)
  async update(
    @CurrentPrincipal() actor: Principal,
    @Param('id', uuid) id: string,
    @Body(new ZodValidationPipe(campaignChangesSchema)) body: CampaignChangesInput,
  ) {
    return campaignView(await this.service.update(actor, id, body));
  }

  @Get(':id/audience')
  @Authorize('campaign.read')
  @ApiOperation({ summary: 'L’audience de la campagne aujourd’hui (comptes, moins de 10 masqués)' })
  @ApiAnswer(200, 'AudiencePreview', previewSchema, PREVIEW_EXAMPLE)
  @ApiErrors(400, 404)
  async audience(@CurrentPrincipal() actor: Principal, @Param('id', uuid) id: string) {
    return this.service.preview((await this.service.visible(actor, id, 'campaign.read')).target);
  }

  @Get(':id/results')
  @Authorize('campaign.read')
  @ApiOperation({ summary: 'Résultats : demandes produites, contacts prévus et remis à l’envoi, foyers qui ont répondu' })
  @ApiAnswer(200, 'CampaignResults', resultsSchema, {
    intentsProduced: 1250,
    households: { count: 1250, label: '1250' },
    contactsPlanned: { count: 2480, label: '2480' },
    contactsHandedOff: { count: 1190, label: '1190' },
    householdsResponded: { count: null, label: 'moins de 10' },
    byChannel: { letter: { count: 1250, label: '1250' } },
  })
  @ApiErrors(400, 404)
  async results(@CurrentPrincipal() actor: Principal, @Param('id', uuid) id: string) {
    return this.service.results(await this.service.visible(actor, id, 'campaign.read'));
  }

  @Post(':id/:command')
  @HttpCode(200)
  @Authorize('campaign.read')
  @ApiOperation({
    summary: 'Faire avancer une campagne : submit (demander l’approbation), approve (une autre personne), reject, launch, pause, cancel',
    description:
      'approve est réservé à une personne connectée de la même organisation, autre que l’auteur (quatre yeux). launch programme la campagne à sa date (ou tout de suite) ; relancer une campagne en pause reprend où elle s’était arrêtée.',
  })
  @ApiParam({ name: 'command', enum: COMMANDS })
  @ApiAnswer(200, 'Campaign', campaignViewSchema, CAMPAIGN_EXAMPLE)
  @ApiErrors(400, 404, 409)
  async command(@CurrentPrincipal() actor: Principal, @Param('id', uuid) id: string, @Param('command') command: string) {
    if (!(COMMANDS as readonly string[]).includes(command)) {
      throw UnissonError.validation([{ field: 'command', message: `doit être l’une de : ${COMMANDS.join(', ')}` }]);
    }
    return campaignView(await this.service.command(actor, id, command as Command));
  }
}
