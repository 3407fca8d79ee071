import { Body, Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Authorize, CurrentPrincipal, identityOf, Principal } from '@unisson/access';
import { Audited } from '@unisson/audit';
import { APP_CONFIG, AppConfig } from '@unisson/config';
import { ExperimentsService, NewExperimentInput, newExperimentSchema, plannedSampleSize, designOf } from '@unisson/experiments';
import { ApiAnswer, ApiErrors, ApiJsonBody, UnissonError, ZodValidationPipe } from '@unisson/platform';
import { AnalyticsProjector } from '../analytics-projector';
import { territoryRefusal } from '../domain/analyst-territory';
import { maskExperiment } from '../domain/report-cells';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => UnissonError.validation([{ field: 'id', message: 'doit être un UUID' }]) });

export const NEW_EXPERIMENT_EXAMPLE = {
  key: 'sms-premier-impaye-93-ton',
  name: 'SMS du premier impayé : ton rassurant ou neutre',
  territory: '93',
  stage: 'premier_impaye',
  purpose: 'rappelImpaye',
  channel: 'sms',
  arms: [
    { name: 'A', variant: 'reassuring.short.picto', weight: 1 },
    { name: 'B', variant: 'neutral.short.plain', weight: 1 },
  ],
  holdoutShare: 0.1,
  primaryResponseKinds: ['callback_requested', 'sms_replied', 'link_visited'],
  responseWindowDays: 14,
  baselineRate: 0.2,
  minimumDetectableEffect: 0.05,
};

const experimentSchema = z.object({
  id: z.string().uuid(),
  key: z.string(),
  name: z.string(),
  status: z.enum(['running', 'stopped']),
  territory: z.string(),
  stage: z.string(),
  purpose: z.string(),
  channel: z.string(),
  arms: z.array(z.object({ name: z.string(), variant: z.string(), weight: z.number() })),
  holdoutShare: z.number(),
  primaryResponseKinds: z.array(z.string()),
  responseWindowDays: z.number().int(),
  plannedPerArm: z.number().int().describe('Foyers nécessaires par bras, calculés à la déclaration'),
  plannedUnits: z.number().int().describe('Foyers nécessaires dans les bras (taille de réglage de la séquence de confiance)'),
  allocation: z.enum(['fixed', 'thompson']),
  createdAt: z.string(),
});

const stopSchema = z.strictObject({
  reason: z.string().trim().min(3).max(300).describe('Pourquoi l’expérience s’arrête (plan atteint, variante retirée…)'),
});

type ExperimentRow = Awaited<ReturnType<ExperimentsService['get']>>;

/** An organisation's analyst runs and reads experiments on its own territories only, as its reports (403, nothing written). */
function assertSeesTerritory(actor: Principal, territory: string): void {
  const refusal = territoryRefusal(actor, territory);
  if (refusal) throw new UnissonError('FORBIDDEN', refusal, 403);
}

const view = (e: ExperimentRow) => ({
  id: e.id,
  key: e.key,
  name: e.name,
  status: e.status,
  territory: e.territory,
  stage: e.stage,
  purpose: e.purpose,
  channel: e.channel,
  arms: e.arms,
  holdoutShare: e.holdoutShare,
  primaryResponseKinds: e.primaryResponseKinds,
  responseWindowDays: e.responseWindowDays,
  plannedPerArm: plannedSampleSize(designOf(e)).perArm,
  plannedUnits: e.plannedUnits,
  allocation: e.allocation,
  createdAt: e.createdAt.toISOString(),
});
const VIEW_EXAMPLE = {
  ...NEW_EXPERIMENT_EXAMPLE,
  id: '5b1c0000-0000-4000-8000-000000000012',
  status: 'running',
  plannedPerArm: 1094,
  plannedUnits: 2188,
  allocation: 'fixed',
  createdAt: '2026-12-01T09:00:00.000Z',
};

/** Experiments on planned messages: declared up front by an analyst, read as aggregates (small cells hidden). */
@ApiTags('experiments')
@ApiSecurity('api-key')
@ApiErrors(401, 403)
@Controller('v1/experiments')
export class ExperimentsController {
  constructor(
    private readonly experiments: ExperimentsService,
    private readonly projector: AnalyticsProjector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post()
  @Authorize('experiment.manage')
  @Audited({ action: 'experiment.create', subjectType: 'experiment', subjectId: 'response.id' })
  @ApiOperation({
    summary:
      'Déclarer une expérience : variantes et poids, groupe hors expérience, réponse principale et fenêtre, effet minimal (taille d’échantillon calculée)',
    description:
      'Tout ce qui décide du verdict est fixé avant le premier message. Une seule expérience en cours par territoire, étape, objet et canal.',
  })
  @ApiJsonBody('NewExperiment', newExperimentSchema, NEW_EXPERIMENT_EXAMPLE)
  @ApiAnswer(201, 'Experiment', experimentSchema, VIEW_EXAMPLE)
  @ApiErrors(400, 409)
  async create(@CurrentPrincipal() actor: Principal, @Body(new ZodValidationPipe(newExperimentSchema)) body: NewExperimentInput) {
    assertSeesTerritory(actor, body.territory);
    return view(await this.experiments.create(body, identityOf(actor)));
  }

  @Get()
  @Authorize('analytics.read')
  @ApiOperation({ summary: 'Les expériences déclarées sur vos territoires' })
  @ApiAnswer(200, 'ExperimentList', z.array(experimentSchema), [VIEW_EXAMPLE])
  async list(@CurrentPrincipal() actor: Principal) {
    return (await this.experiments.list()).filter((e) => territoryRefusal(actor, e.territory) === null).map(view);
  }

  @Get(':id/report')
  @Authorize('analytics.read')
  @ApiOperation({
    summary:
      'Le rapport d’une expérience : taux par bras (Wilson), écart au témoin et son intervalle, test exact ou z, Holm, déséquilibre des effectifs, chance de battre le témoin, séquence de confiance',
    description:
      'Effectifs arrondis à un multiple de 5 (moins de 10 : masqués), taux, écarts et intervalles au point, p-values au centième ; avancement et chiffres du déséquilibre publiés seulement quand aucun bras n’est masqué.',
  })
  @ApiAnswer(200, 'ExperimentReport', z.record(z.string(), z.unknown()), { key: VIEW_EXAMPLE.key, arms: [], comparisons: [] })
  @ApiErrors(400, 404)
  async report(@CurrentPrincipal() actor: Principal, @Param('id', uuid) id: string) {
    assertSeesTerritory(actor, (await this.experiments.get(id)).territory);
    await this.projector.catchUp();
    return maskExperiment(await this.experiments.report(id), this.config.security.appSecret);
  }

  @Post(':id/stop')
  @HttpCode(200)
  @Authorize('experiment.manage')
  @Audited({ action: 'experiment.stop', subjectType: 'experiment', subjectId: 'id', fields: ['reason'] })
  @ApiOperation({ summary: 'Arrêter une expérience : les foyers suivants reçoivent la formulation par défaut' })
  @ApiJsonBody('ExperimentStop', stopSchema, { reason: 'taille d’échantillon prévue atteinte' })
  @ApiAnswer(200, 'Experiment', experimentSchema, { ...VIEW_EXAMPLE, status: 'stopped' })
  @ApiErrors(400, 404)
  async stop(
    @CurrentPrincipal() actor: Principal,
    @Param('id', uuid) id: string,
    @Body(new ZodValidationPipe(stopSchema)) body: z.infer<typeof stopSchema>,
  ) {
    assertSeesTerritory(actor, (await this.experiments.get(id)).territory);
    void body.reason; // kept in the audit trail's field list, not stored with the experiment
    return view(await this.experiments.stop(id, new Date()));
  }
}
