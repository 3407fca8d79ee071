import { Body, Controller, Get, Header, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiQuery, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { Authorize, CurrentPrincipal, Principal } from '@unisson/access';
import { Audited } from '@unisson/audit';
import { ApiAnswer, ApiErrors, ApiJsonBody, UnissonError, ZodValidationPipe } from '@unisson/platform';
import { AnalyticsFilter } from '../analytics.repository';
import { AnalyticsService } from '../analytics.service';
import { territoryRefusal } from '../domain/analyst-territory';
import { charterCsv } from '../domain/charter-indicators';
import { reportWindow } from '../domain/disclosure';
import { reportCsv } from '../domain/report-csv';
import { FilterInput, filterSchema, OutcomeInput, outcomeSchema } from '../dto/outcome.schemas';
import { PartnerOutcomes } from '../partner-outcomes.service';
import { charterSchema, outcomeAnswerSchema, REPORT_EXAMPLE, reportSchema } from './analytics.openapi';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => UnissonError.validation([{ field: 'id', message: 'doit être un UUID' }]) });
const DAY = 86_400_000;

/**
 * The period and territory an analyst asks for: by default the last 90 days, and an organisation's
 * own territories only. The period is widened to whole ISO weeks (decision 0035): the figures of two
 * periods a few days apart are the same figures, so subtracting them gives nothing.
 */
export function filterOf(actor: Principal, q: FilterInput, now = new Date()): AnalyticsFilter {
  const to = q.to ? new Date(`${q.to}T00:00:00Z`).getTime() + DAY : now.getTime() + DAY;
  const from = q.from ? new Date(`${q.from}T00:00:00Z`).getTime() : to - 91 * DAY;
  if (from >= to) throw UnissonError.validation([{ field: 'from', message: 'doit précéder to' }]);
  const bound = actor.partnerId !== null && actor.territories.length > 0;
  const territory = q.territory ?? (bound ? actor.territories[0]! : null);
  const refusal = territory === null ? null : territoryRefusal(actor, territory);
  if (refusal) throw new UnissonError('FORBIDDEN', refusal, 403);
  return { territory, ...reportWindow(new Date(from), new Date(to)) };
}

const ANALYTICS_QUERY = [
  ApiQuery({ name: 'territory', required: false, description: 'Département (93, 2A, 974…) ; par défaut le vôtre' }),
  ApiQuery({
    name: 'from',
    required: false,
    description: 'Début de période AAAA-MM-JJ (par défaut : 90 jours avant la fin), ramené au lundi qui le précède',
  }),
  ApiQuery({
    name: 'to',
    required: false,
    description: 'Fin de période AAAA-MM-JJ, incluse (par défaut : aujourd’hui), portée au dimanche qui la suit',
  }),
];
const withQuery = (): MethodDecorator => (target, key, descriptor) => {
  for (const d of ANALYTICS_QUERY) d(target, key, descriptor);
};

/** Aggregates for analysts (never a household) and outcomes reported by partners. */
@ApiTags('analytics')
@ApiSecurity('api-key')
@ApiErrors(401, 403)
@Controller('v1')
export class AnalyticsController {
  constructor(
    private readonly analytics: AnalyticsService,
    private readonly outcomes: PartnerOutcomes,
  ) {}

  @Get('analytics/report')
  @Authorize('analytics.read')
  @ApiOperation({
    summary:
      'Taux de réponse par variante, entonnoir de la procédure, messages par foyer avant et après coordination, expériences (moins de 10 foyers : masqué ; nombres arrondis à 5, taux au point, semaines entières)',
  })
  @withQuery()
  @ApiAnswer(200, 'AnalyticsReport', reportSchema, REPORT_EXAMPLE)
  @ApiErrors(400)
  report(@CurrentPrincipal() actor: Principal, @Query(new ZodValidationPipe(filterSchema)) q: FilterInput) {
    return this.analytics.report(filterOf(actor, q));
  }

  @Get('analytics/report.csv')
  @Authorize('analytics.read')
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="unisson-analyse.csv"')
  @ApiOperation({ summary: 'Le même rapport en CSV (point-virgule, virgule décimale), cellules de moins de 10 foyers masquées' })
  @withQuery()
  @ApiProduces('text/csv')
  @ApiErrors(400)
  async reportCsv(@CurrentPrincipal() actor: Principal, @Query(new ZodValidationPipe(filterSchema)) q: FilterInput): Promise<string> {
    return reportCsv(await this.analytics.report(filterOf(actor, q)));
  }

  @Get('analytics/charter')
  @Authorize('analytics.read')
  @ApiOperation({ summary: 'Indicateurs de la charte de prévention des expulsions de Seine-Saint-Denis (annexe 5), dans sa numérotation' })
  @withQuery()
  @ApiAnswer(200, 'CharterIndicators', charterSchema, [
    {
      number: '8',
      label: 'Nombre de commandements de payer reçus',
      fed: true,
      value: 230,
      hidden: false,
      note: 'Commandements de payer signalés.',
    },
  ])
  @ApiErrors(400)
  async charter(@CurrentPrincipal() actor: Principal, @Query(new ZodValidationPipe(filterSchema)) q: FilterInput) {
    return this.analytics.charter(filterOf(actor, q));
  }

  @Get('analytics/charter.csv')
  @Authorize('analytics.read')
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="unisson-charte-93-annexe-5.csv"')
  @ApiOperation({
    summary: 'Les indicateurs de la charte en CSV, numérotés comme l’annexe 5 (les non alimentés listés avec ce qui les alimenterait)',
  })
  @withQuery()
  @ApiProduces('text/csv')
  @ApiErrors(400)
  async charterCsv(@CurrentPrincipal() actor: Principal, @Query(new ZodValidationPipe(filterSchema)) q: FilterInput): Promise<string> {
    const filter = filterOf(actor, q);
    const day = (d: Date) => d.toISOString().slice(0, 10);
    return charterCsv(await this.analytics.charter(filter), filter.territory, {
      from: day(filter.from),
      to: day(new Date(filter.to.getTime() - DAY)),
    });
  }

  @Post('households/:id/outcomes')
  @HttpCode(200)
  @Authorize('outcome.report')
  @Audited({ action: 'outcome.report', subjectType: 'household', subjectId: 'id', householdId: 'id', fields: ['kind', 'occurredAt'] })
  @ApiOperation({
    summary:
      'Signaler une issue pour un foyer : DSF pris ou fait, présence à l’audience, plan d’apurement, dette soldée, FSL accordé, départ, expulsion',
    description:
      'Compté une fois par eventId : renvoyer le même événement (webhook rejoué) ne le compte pas deux fois. Le même eventId avec une autre issue, un autre moment ou un autre foyer : 422 EVENT_ID_REUSED, rien n’est changé.',
  })
  @ApiJsonBody('PartnerOutcome', outcomeSchema, {
    kind: 'dsf_done',
    occurredAt: '2026-11-20T10:00:00+01:00',
    eventId: 'dsf-2026-0042',
    knownToSocialServices: false,
  })
  @ApiAnswer(200, 'PartnerOutcomeRecorded', outcomeAnswerSchema, {
    id: '3f2c1e00-0000-4000-8000-000000000001',
    householdId: '9a8b7c6d-0000-4000-8000-000000000009',
    kind: 'dsf_done',
    recorded: 'new',
  })
  @ApiErrors(400, 404, 422)
  reportOutcome(
    @CurrentPrincipal() actor: Principal,
    @Param('id', uuid) householdId: string,
    @Body(new ZodValidationPipe(outcomeSchema)) body: OutcomeInput,
  ) {
    return this.outcomes.report(actor, householdId, body);
  }
}
