import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { AccessPolicy, Authorize, CurrentPrincipal, Principal } from '@unisson/access';
import { ApiAnswer, ApiErrors, ApiJsonBody, parseOrThrow, queryInteger, UnissonError, ZodValidationPipe } from '@unisson/platform';
import { PARTNER_EVENT_TYPES, PartnerEventType } from '../domain/partner-event';
import { WebhookDelivery } from '../entities/webhook-delivery.entity';
import { WebhookEndpoint } from '../entities/webhook-endpoint.entity';
import { WebhookEndpointsService } from '../webhook-endpoints.service';
import { WebhooksRepository } from '../webhooks.repository';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => UnissonError.validation([{ field: 'id', message: 'doit être un UUID' }]) });
const SUBSCRIBABLE = PARTNER_EVENT_TYPES.filter((t) => t !== 'webhook.test') as [PartnerEventType, ...PartnerEventType[]];

const newEndpointSchema = z.strictObject({
  url: z.string().max(2000),
  events: z
    .array(z.enum(SUBSCRIBABLE, { error: `événement inconnu (possibles : ${SUBSCRIBABLE.join(', ')})` }))
    .min(1, 'au moins un événement'),
  description: z.string().trim().max(200).nullish(),
});
const partnerQuery = z.strictObject({ partnerId: z.string().uuid('doit être un UUID').optional() });
const deliveriesQuery = partnerQuery.extend({
  status: z.enum(['pending', 'delivered', 'failed']).optional(),
  limit: queryInteger({ min: 1, max: 500, default: 100 }),
});

const endpointSchema = z.object({
  id: z.string().uuid(),
  url: z.string(),
  events: z.array(z.enum(PARTNER_EVENT_TYPES)),
  description: z.string().nullable(),
  createdAt: z.string(),
  disabledAt: z.string().nullable(),
});
const deliverySchema = z.object({
  id: z.string().uuid(),
  endpointId: z.string().uuid(),
  eventId: z.string(),
  eventType: z.enum(PARTNER_EVENT_TYPES),
  status: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.number().int(),
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  createdAt: z.string(),
  payload: z.record(z.string(), z.unknown()).describe('Le corps JSON envoyé (signé)'),
});
const ENDPOINT_EXAMPLE = {
  id: '6f708192-0000-4000-8000-000000000006',
  url: 'https://bailleur.example.org/unisson/webhooks',
  events: ['household.responded', 'intent.merged'],
  description: 'Système de gestion locative',
  createdAt: '2026-12-01T10:30:00.000Z',
  disabledAt: null,
};

const endpointView = (e: WebhookEndpoint) => ({
  id: e.id,
  url: e.url,
  events: e.events,
  description: e.description,
  createdAt: e.createdAt.toISOString(),
  disabledAt: e.disabledAt?.toISOString() ?? null,
});
const deliveryView = (d: WebhookDelivery) => ({
  id: d.id,
  endpointId: d.endpointId,
  eventId: d.eventId,
  eventType: d.eventType,
  status: d.status,
  attempts: d.attempts,
  lastStatusCode: d.lastStatusCode,
  lastError: d.lastError,
  nextAttemptAt: d.nextAttemptAt?.toISOString() ?? null,
  deliveredAt: d.deliveredAt?.toISOString() ?? null,
  createdAt: d.createdAt.toISOString(),
  payload: d.payload,
});

/**
 * A partner's webhook endpoints and delivery log. Each POST Unisson makes carries
 * `Unisson-Signature: t=<unix seconds>,v1=<HMAC-SHA256(secret, "<t>.<body>") in hex>`.
 */
@ApiTags('webhooks')
@ApiSecurity('api-key')
@ApiErrors(401, 403)
@Controller('v1/webhooks')
export class WebhooksController {
  constructor(
    private readonly endpoints: WebhookEndpointsService,
    private readonly webhooks: WebhooksRepository,
    private readonly policy: AccessPolicy,
  ) {}

  /** The partner acted for: one's own, or (admins) the one named in `partnerId`. */
  private partnerOf(actor: Principal, query: unknown, action: 'webhook_endpoint.manage' | 'webhook_delivery.read'): string {
    const { partnerId } = parseOrThrow(partnerQuery, query ?? {});
    const target = actor.partnerId ?? partnerId;
    if (!target) throw UnissonError.validation([{ field: 'partnerId', message: 'nommez le partenaire (administrateurs)' }]);
    this.policy.assert(actor, action, { ownerPartnerId: target });
    return target;
  }

  @Post('endpoints')
  @Authorize('webhook_endpoint.manage')
  @ApiOperation({
    summary: 'Enregistrer une adresse à notifier (le secret de signature est affiché une seule fois)',
    description:
      'En production l’adresse doit être en HTTPS et publique. Répondez 2xx en moins de 10 s ; sinon Unisson réessaie (10 s, 20 s, 40 s… 10 essais).',
  })
  @ApiJsonBody('NewWebhookEndpoint', newEndpointSchema, {
    url: 'https://bailleur.example.org/unisson/webhooks',
    events: ['household.responded', 'intent.merged'],
  })
  @ApiAnswer(
    201,
    'RegisteredWebhookEndpoint',
    z.object({ endpoint: endpointSchema, secret: z.string().describe('whsec_… : à garder pour vérifier les signatures') }),
    {
      endpoint: ENDPOINT_EXAMPLE,
      secret: 'whsec_…',
    },
  )
  @ApiErrors(400)
  async register(
    @CurrentPrincipal() actor: Principal,
    @Query() query: unknown,
    @Body(new ZodValidationPipe(newEndpointSchema)) body: z.infer<typeof newEndpointSchema>,
  ) {
    const partnerId = this.partnerOf(actor, query, 'webhook_endpoint.manage');
    const { endpoint, secret } = await this.endpoints.register(actor, partnerId, body);
    return { endpoint: endpointView(endpoint), secret };
  }

  @Get('endpoints')
  @Authorize('webhook_endpoint.manage')
  @ApiOperation({ summary: 'Vos adresses de notification' })
  @ApiAnswer(200, 'WebhookEndpointList', z.array(endpointSchema), [ENDPOINT_EXAMPLE])
  async list(@CurrentPrincipal() actor: Principal, @Query() query: unknown) {
    return (await this.webhooks.endpointsOfPartner(this.partnerOf(actor, query, 'webhook_endpoint.manage'))).map(endpointView);
  }

  @Delete('endpoints/:id')
  @HttpCode(204)
  @Authorize('webhook_endpoint.manage')
  @ApiOperation({ summary: 'Ne plus notifier cette adresse' })
  @ApiResponse({ status: 204, description: 'Adresse désactivée' })
  @ApiErrors(400, 404)
  async remove(@CurrentPrincipal() actor: Principal, @Param('id', uuid) id: string) {
    await this.endpoints.disable(actor, await this.visibleEndpoint(actor, id));
  }

  @Post('endpoints/:id/test')
  @HttpCode(202)
  @Authorize('webhook_endpoint.manage')
  @ApiOperation({ summary: 'Envoyer un événement d’essai (webhook.test) à cette adresse' })
  @ApiAnswer(202, 'WebhookTestQueued', z.object({ deliveryIds: z.array(z.string().uuid()) }), {
    deliveryIds: ['7081a2b3-0000-4000-8000-000000000007'],
  })
  @ApiErrors(400, 404)
  async test(@CurrentPrincipal() actor: Principal, @Param('id', uuid) id: string) {
    return { deliveryIds: await this.endpoints.test(await this.visibleEndpoint(actor, id)) };
  }

  @Get('deliveries')
  @Authorize('webhook_delivery.read')
  @ApiOperation({ summary: 'Journal des notifications : chaque événement, ses essais et leur résultat (plus récent d’abord)' })
  @ApiAnswer(200, 'WebhookDeliveryList', z.array(deliverySchema), [
    {
      id: '7081a2b3-0000-4000-8000-000000000007',
      endpointId: ENDPOINT_EXAMPLE.id,
      eventId: 'sms:SM0123:9a8b7c6d-0000-4000-8000-000000000009',
      eventType: 'household.responded',
      status: 'delivered',
      attempts: 1,
      lastStatusCode: 200,
      lastError: null,
      nextAttemptAt: null,
      deliveredAt: '2026-12-01T10:31:05.000Z',
      createdAt: '2026-12-01T10:31:04.000Z',
      payload: {
        id: 'sms:SM0123',
        type: 'household.responded',
        partnerRef: 'HS93-000101',
        householdId: '9a8b7c6d-0000-4000-8000-000000000009',
        data: { channel: 'sms' },
      },
    },
  ])
  @ApiErrors(400)
  async deliveries(@CurrentPrincipal() actor: Principal, @Query() query: unknown) {
    const q = parseOrThrow(deliveriesQuery, query ?? {});
    const partnerId = this.partnerOf(actor, { partnerId: q.partnerId }, 'webhook_delivery.read');
    return (await this.webhooks.deliveriesOfPartner(partnerId, q.status, q.limit)).map(deliveryView);
  }

  private async visibleEndpoint(actor: Principal, id: string): Promise<WebhookEndpoint> {
    const endpoint = await this.webhooks.findEndpoint(id);
    this.policy.assert(actor, 'webhook_endpoint.manage', { ownerPartnerId: endpoint?.partnerId ?? '(aucun)' });
    if (!endpoint) throw UnissonError.notFound();
    return endpoint;
  }
}
