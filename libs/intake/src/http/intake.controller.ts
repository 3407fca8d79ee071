import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { AccessPolicy, Authorize, CurrentPrincipal, Principal } from '@unisson/access';
import { Audited } from '@unisson/audit';
import { CurrentPartner, PartnerPrincipal } from '@unisson/partners';
import { jsonSchemaOf, parseOrThrow, UnissonError, ZodValidationPipe } from '@unisson/platform';
import {
  AlertInput,
  alertSchema,
  idempotencyKeySchema,
  IntentInput,
  intentSchema,
  StageEventInput,
  stageEventSchema,
} from '../dto/submission.schemas';
import { IntakeRepository } from '../intake.repository';
import { SubmissionAccepted, SubmissionRead } from './intake.openapi';
import { AcceptedSubmission, IntakeService } from '../intake.service';
import { StoredOutcome, submitterOutcome } from '../domain/submitter-outcome';
import { SubmissionAuthority } from '../submission-authority';

const jsonSchema = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as object;

const IDEMPOTENCY_HEADER = {
  name: 'Idempotency-Key',
  required: false,
  description: 'A retried call with the same key returns the first result instead of creating a second submission.',
  // The rule `key()` checks, said by the document (a client learns it before its first 400).
  schema: jsonSchemaOf(idempotencyKeySchema),
};

@ApiTags('intake')
@ApiSecurity('api-key')
@Controller('v1')
export class IntakeController {
  constructor(
    private readonly intake: IntakeService,
    private readonly submissions: IntakeRepository,
    private readonly authority: SubmissionAuthority,
    private readonly policy: AccessPolicy,
  ) {}

  @Post('alerts')
  @HttpCode(202)
  @Authorize('alert.submit')
  @Audited({ action: 'alert.submit', subjectType: 'submission', subjectId: 'response.submissionId' })
  @ApiOperation({ summary: 'Alerte d’un bailleur : premier impayé d’un bail' })
  @SubmissionAccepted()
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiBody({ schema: jsonSchema(alertSchema) })
  async postAlert(
    @CurrentPartner() partner: PartnerPrincipal,
    @Body(new ZodValidationPipe(alertSchema)) alert: AlertInput,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const key = this.key(idempotencyKey);
    await this.authority.assertMayReport(partner, 'alert', alert);
    return this.respond(reply, await this.intake.accept(partner, 'alert', alert, key));
  }

  @Post('stage-events')
  @HttpCode(202)
  @Authorize('stage_event.submit')
  @Audited({ action: 'stage_event.submit', subjectType: 'submission', subjectId: 'response.submissionId' })
  @ApiOperation({ summary: 'Une étape de la procédure (commandement de payer, assignation, jugement…)' })
  @SubmissionAccepted()
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiBody({ schema: jsonSchema(stageEventSchema) })
  async postStageEvent(
    @CurrentPartner() partner: PartnerPrincipal,
    @Body(new ZodValidationPipe(stageEventSchema)) event: StageEventInput,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const key = this.key(idempotencyKey);
    await this.authority.assertMayReport(partner, 'stage_event', event);
    return this.respond(reply, await this.intake.accept(partner, 'stage_event', event, key));
  }

  @Post('intents')
  @HttpCode(202)
  @Authorize('intent.submit')
  @Audited({ action: 'intent.submit', subjectType: 'submission', subjectId: 'response.submissionId' })
  @ApiOperation({
    summary: 'Demander à Unisson d’informer un foyer à son étape actuelle',
    description:
      "The household is named by your own reference (a record you sent before). The purpose is one of the territory playbook's purposes at the household's stage; the coordination engine merges it with the other partners' intents into one plan (GET /v1/households/{id}/plan).",
  })
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiBody({ schema: jsonSchema(intentSchema) })
  @SubmissionAccepted()
  async postIntent(
    @CurrentPartner() partner: PartnerPrincipal,
    @Body(new ZodValidationPipe(intentSchema)) intent: IntentInput,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const key = this.key(idempotencyKey);
    await this.authority.assertMayReport(partner, 'intent', intent);
    return this.respond(reply, await this.intake.accept(partner, 'intent', intent, key));
  }

  @Get('submissions/:id')
  @Authorize('submission.read')
  @Audited({ action: 'submission.read', subjectType: 'submission', subjectId: 'id', householdId: 'response.outcome.householdId' })
  @ApiOperation({ summary: 'Ce qu’est devenu(e) votre alerte, étape ou demande' })
  @SubmissionRead()
  async getSubmission(@CurrentPrincipal() actor: Principal, @Param('id', new ParseUUIDPipe()) id: string) {
    const submission = await this.submissions.findSubmission(id);
    // Another partner's submission answers exactly like an unknown one.
    this.policy.assertFound(actor, 'submission.read', submission, (s) => ({ ownerPartnerId: s.partnerId }));
    return {
      submissionId: submission.id,
      kind: submission.kind,
      status: submission.processedAt ? (submission.errorCode ? 'rejected' : 'processed') : 'received',
      receivedAt: submission.receivedAt.toISOString(),
      processedAt: submission.processedAt?.toISOString() ?? null,
      errorCode: submission.errorCode,
      // Only what the partner's own report says: the same shape whether the household was known or not.
      outcome: submitterOutcome(submission.kind, submission.partnerId, submission.outcome as StoredOutcome | null),
    };
  }

  private key(header: string | undefined): string | undefined {
    if (header === undefined) return undefined;
    try {
      return parseOrThrow(idempotencyKeySchema, header);
    } catch {
      throw UnissonError.validation([
        { field: 'Idempotency-Key', message: 'doit compter 8 à 128 caractères parmi lettres, chiffres, « _ », « - », « . », « : »' },
      ]);
    }
  }

  private respond(reply: FastifyReply, accepted: AcceptedSubmission) {
    if (accepted.replayed) void reply.status(200).header('idempotent-replayed', 'true');
    const { replayed: _replayed, ...body } = accepted;
    return { ...body, links: { self: `/v1/submissions/${accepted.submissionId}` } };
  }
}
