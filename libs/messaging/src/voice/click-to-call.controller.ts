import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Authorize, CurrentPrincipal, Principal } from '@unisson/access';
import { ApiAnswer, ApiErrors, ApiJsonBody, jsonSchemaOf, UnissonError, ZodValidationPipe } from '@unisson/platform';
import { CLICK_TO_CALL_STATUSES } from '../entities/click-to-call.entity';
import { ClickToCall } from './click-to-call';

const uuid = (field: string) =>
  new ParseUUIDPipe({ exceptionFactory: () => UnissonError.validation([{ field, message: 'doit être un UUID' }]) });

const callRequestSchema = z.strictObject({
  agentPhone: z
    .string()
    .min(6, 'doit être un numéro de téléphone')
    .max(30, 'doit être un numéro de téléphone')
    .describe('Le téléphone de la personne qui appelle : il sonne d’abord, puis le foyer est appelé'),
});

/** The Idempotency-Key header: checked by `start`, and said by the OpenAPI document from the same schema. */
const IDEMPOTENCY_KEY_RULE = '1 à 100 lettres, chiffres, ".", ":", "_" ou "-"';
const idempotencyKeySchema = z.string().regex(/^[\w.:-]{1,100}$/, IDEMPOTENCY_KEY_RULE);

const callViewSchema = z.object({
  id: z.string().uuid(),
  householdId: z.string().uuid(),
  partnerId: z.string().uuid(),
  status: z.enum(CLICK_TO_CALL_STATUSES).describe('requested → calling_agent → calling_household → connected → ended, ou failed'),
  callerId: z.string().describe('Le numéro de votre organisme, affiché chez le foyer'),
  householdCallStatus: z.string().nullable().describe('Le dernier état de l’appel du foyer selon Twilio (completed, busy, no-answer…)'),
  createdAt: z.string(),
  events: z.array(z.object({ leg: z.enum(['agent', 'household']), status: z.string(), at: z.string() })),
});
const EXAMPLE = {
  id: '3f1d2c4b-0000-4000-8000-000000000001',
  householdId: '9a8b7c6d-0000-4000-8000-000000000009',
  partnerId: '1b2c3d4e-0000-4000-8000-000000000002',
  status: 'calling_agent',
  callerId: '+33148000004',
  householdCallStatus: null,
  createdAt: '2026-12-01T10:30:00.000Z',
  events: [{ leg: 'agent', status: 'initiated', at: '2026-12-01T10:30:00.400Z' }],
};

/** Click-to-call for call platforms and social workers who have their own tools. */
@ApiTags('calls')
@ApiSecurity('api-key')
@ApiErrors(401, 403, 404)
@Controller('v1/households/:id/calls')
export class ClickToCallController {
  constructor(private readonly clickToCall: ClickToCall) {}

  @Post()
  @HttpCode(201)
  @Authorize('household.call.place')
  @ApiOperation({
    summary: 'Appeler un foyer : votre téléphone sonne, puis celui du foyer, qui voit le numéro de votre organisme',
    description:
      'Le numéro du foyer ne vous est pas montré. Les états des deux appels arrivent par les rappels signés de Twilio ; suivez-les avec GET.',
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'La même clé renvoie le même appel (un double clic n’appelle qu’une fois)',
    schema: jsonSchemaOf(idempotencyKeySchema),
  })
  @ApiJsonBody('ClickToCallRequest', callRequestSchema, { agentPhone: '01 48 95 00 00' })
  @ApiAnswer(201, 'ClickToCall', callViewSchema, EXAMPLE)
  @ApiErrors(400, 409, 502)
  async start(
    @CurrentPrincipal() actor: Principal,
    @Param('id', uuid('id')) householdId: string,
    @Body(new ZodValidationPipe(callRequestSchema)) body: z.infer<typeof callRequestSchema>,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
  ) {
    if (idempotencyKey !== undefined && !idempotencyKeySchema.safeParse(idempotencyKey).success) {
      throw UnissonError.validation([{ field: 'Idempotency-Key', message: IDEMPOTENCY_KEY_RULE }]);
    }
    return this.clickToCall.start(actor, { householdId, agentPhone: body.agentPhone, idempotencyKey: idempotencyKey ?? null });
  }

  @Get(':callId')
  @Authorize('household.call.place')
  @ApiOperation({ summary: 'Suivre un appel : l’état de chaque appel (vous, puis le foyer)' })
  @ApiAnswer(200, 'ClickToCall', callViewSchema, { ...EXAMPLE, status: 'ended', householdCallStatus: 'completed' })
  @ApiErrors(400)
  async find(
    @CurrentPrincipal() actor: Principal,
    @Param('id', uuid('id')) householdId: string,
    @Param('callId', uuid('callId')) callId: string,
  ) {
    const view = await this.clickToCall.find(actor, callId);
    if (view.householdId !== householdId) throw UnissonError.notFound();
    return view;
  }
}
