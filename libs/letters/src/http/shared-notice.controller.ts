import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiProduces, ApiQuery, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AccessPolicy, Authorize, CurrentPrincipal, Principal } from '@unisson/access';
import { AuditTrail } from '@unisson/audit';
import { HouseholdRecordsReader } from '@unisson/households';
import { ApiErrors, UnissonError } from '@unisson/platform';
import { LOCALES, type Locale } from '@unisson/templates';
import { DEPARTEMENT_CODE_RULE, isDepartement, isProcedureStage, PROCEDURE_STAGES } from '@unisson/vocabulary';
import { SharedNotices } from '../shared-notice';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The shared notice, as PDF: for a stage and a territory, or personalised for a household. Every fetch is audited. */
@ApiTags('letters')
@ApiSecurity('api-key')
@ApiErrors(401, 403)
@Controller('v1/notices')
export class SharedNoticeController {
  constructor(
    private readonly notices: SharedNotices,
    private readonly policy: AccessPolicy,
    private readonly households: HouseholdRecordsReader,
    private readonly audit: AuditTrail,
  ) {}

  @Get(':stage')
  @Authorize('notice.read')
  @ApiOperation({ summary: 'La notice commune d’une étape (PDF, toutes langues et FALC), personnalisée pour un foyer si demandé' })
  @ApiParam({ name: 'stage', enum: PROCEDURE_STAGES })
  @ApiQuery({ name: 'territory', required: true, example: '93' })
  @ApiQuery({ name: 'locale', required: false, enum: LOCALES })
  @ApiQuery({ name: 'householdId', required: false })
  @ApiProduces('application/pdf')
  @ApiErrors(400, 404)
  async notice(
    @CurrentPrincipal() actor: Principal,
    @Param('stage') stage: string,
    @Query('territory') territory: string | undefined,
    @Query('locale') locale: string | undefined,
    @Query('householdId') householdId: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const problems: Array<{ field: string; message: string }> = [];
    if (!isProcedureStage(stage)) problems.push({ field: 'stage', message: `une étape de la procédure (${PROCEDURE_STAGES.join(', ')})` });
    if (!territory || !isDepartement(territory)) problems.push({ field: 'territory', message: DEPARTEMENT_CODE_RULE });
    const language = (locale ?? 'fr') as Locale;
    if (!(LOCALES as readonly string[]).includes(language))
      problems.push({ field: 'locale', message: `une langue parmi ${LOCALES.join(', ')}` });
    if (householdId !== undefined && !UUID.test(householdId)) problems.push({ field: 'householdId', message: 'doit être un UUID' });
    if (problems.length) throw UnissonError.validation(problems);
    this.policy.assert(actor, 'notice.read', { territory: territory! });
    if (householdId) {
      const facts = await this.households.accessFacts(householdId);
      // Only for the procedures one takes part in: a commissaire gets the notice of the households it served.
      if (!facts || facts.territory !== territory) throw UnissonError.notFound();
      this.policy.assert(actor, 'notice.household.read', {
        territory: facts.territory,
        recordHolderPartnerIds: facts.recordHolderPartnerIds,
      });
    }
    const { pdf, trackingCode } = await this.notices.render({
      stage: stage as Parameters<SharedNotices['render']>[0]['stage'],
      territory: territory!,
      locale: language,
      householdId: householdId ?? null,
      partnerId: actor.partnerId,
    });
    await this.audit.record({
      actor,
      action: householdId ? 'notice.household.read' : 'notice.read',
      subjectType: 'notice',
      subjectId: `${stage}:${territory}:${language}`,
      householdId: householdId ?? null,
      outcome: 'success',
    });
    void reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `inline; filename="notice-${stage}-${territory}-${language}-${trackingCode}.pdf"`);
    return pdf;
  }
}
