import { Body, Controller, Get, Headers, HttpCode, Inject, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { isAllowedDestination, isValidMailWebhookSignature, verifyToken } from '@unisson/channels';
import { APP_CONFIG, AppConfig } from '@unisson/config';
import { FailedAttempts, FORGERY_POLICY, Public } from '@unisson/partners';
import { ApiAnswer, ApiErrors, ApiJsonBody, UnissonError, ZodValidationPipe } from '@unisson/platform';
import { ResponseRecorder } from '@unisson/responses';
import { MessagesRepository } from '../messages.repository';
import { EmailBounces } from './email-bounces';
import { NotADeliveryReport } from './delivery-status-report';

const bounceSchema = z.strictObject({
  envelopeTo: z.string().min(3).max(320).describe('L’adresse de retour (VERP) à laquelle le rapport est arrivé, ex. rebonds+<id>@…'),
  message: z
    .string()
    .min(20)
    .max(512 * 1024)
    .describe('Le rapport de non-distribution brut (RFC 3464, multipart/report)'),
});

function notFoundPage(reply: FastifyReply): FastifyReply {
  return reply
    .code(404)
    .type('text/html; charset=utf-8')
    .send(
      '<!doctype html><html lang="fr"><meta charset="utf-8"><title>Lien invalide</title><body><h1>Ce lien n’est pas valable</h1><p>Il a peut-être été mal copié. Le message que vous avez reçu indique aussi un numéro de téléphone à appeler.</p></body></html>',
    );
}

/** Tracked links of e-mails, and the bounce reports the mail server forwards. */
@ApiTags('email')
@Public()
@Controller('v1')
export class EmailController {
  private readonly allowedHosts: string[];

  constructor(
    private readonly messages: MessagesRepository,
    private readonly responses: ResponseRecorder,
    private readonly bounces: EmailBounces,
    private readonly attempts: FailedAttempts,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.allowedHosts = [...config.mail.linkHosts, new URL(config.api.publicBaseUrl).hostname];
  }

  /** A signed link of an e-mail: the visit is recorded once per message, then the reader goes on, only to an allowed site. */
  @Get('email/link')
  @ApiExcludeEndpoint()
  async followLink(@Query('t') token: string | undefined, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const fields = typeof token === 'string' ? verifyToken(this.config.security.appSecret, 'email-link', token) : null;
    const messageId = fields?.m ?? '';
    const destination = fields?.u ?? '';
    if (!fields || !/^[0-9a-f-]{36}$/i.test(messageId) || !isAllowedDestination(destination, this.allowedHosts)) return notFoundPage(reply);
    const message = await this.messages.findById(messageId);
    if (!message || message.channel !== 'email') return notFoundPage(reply);
    await this.responses.record({
      idempotencyKey: `email-link:${message.id}`,
      householdId: message.householdId,
      kind: 'link_visited',
      source: 'email',
      occurredAt: new Date(),
      messageId: message.id,
      plannedContactKey: message.plannedContactKey,
      partnerId: message.signingPartnerIds[0] ?? null,
      details: { host: new URL(destination).hostname },
    });
    return reply
      .code(302)
      .header('location', destination)
      .header('cache-control', 'no-store')
      .header('referrer-policy', 'no-referrer')
      .send();
  }

  @Post('webhooks/email/bounces')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Rapport de non-distribution d’un courriel (pour le serveur de messagerie)',
    description:
      'Le serveur qui reçoit l’adresse de retour (MAIL_RETURN_PATH) transmet chaque rapport RFC 3464. Signé : X-Unisson-Signature t=<secondes>,v1=<HMAC-SHA256 hexadécimal de « t.envelopeTo.message » avec MAIL_WEBHOOK_SECRET>. Un échec définitif (5.x.x) marque l’adresse invalide et fait passer le plan au canal suivant.',
  })
  @ApiHeader({ name: 'X-Unisson-Signature', required: true, description: 't=<secondes Unix>,v1=<HMAC-SHA256 hexadécimal>' })
  @ApiJsonBody('EmailBounceReport', bounceSchema, {
    envelopeTo: 'rebonds+0b6f0a52-1c1e-4f43-9a53-2f4a54c2b001@unisson.local',
    message: 'Content-Type: multipart/report; report-type=delivery-status; boundary="b"\r\n\r\n--b\r\n…',
  })
  @ApiAnswer(
    200,
    'EmailBounceOutcome',
    z.object({ outcome: z.enum(['address-invalid', 'delayed', 'not-ours', 'unknown-message', 'already-known']) }),
    { outcome: 'address-invalid' },
  )
  @ApiErrors(400, 403, 429)
  async bounce(
    @Req() request: FastifyRequest,
    @Headers('x-unisson-signature') signature: string | undefined,
    @Body(new ZodValidationPipe(bounceSchema)) body: z.infer<typeof bounceSchema>,
  ) {
    await this.attempts.refuseIfLocked('webhook-signature', request.ip, FORGERY_POLICY);
    if (!isValidMailWebhookSignature(this.config.mail.webhookSecret, signature, body.envelopeTo, body.message)) {
      await this.attempts.recordFailure('webhook-signature', request.ip, FORGERY_POLICY);
      throw new UnissonError(
        'INVALID_SIGNATURE',
        'L’en-tête X-Unisson-Signature ne correspond pas à ce rapport, ou date de plus de 5 minutes : signez-le à l’envoi avec le secret partagé avec Unisson.',
        403,
      );
    }
    try {
      return { outcome: await this.bounces.receive(body.envelopeTo, body.message) };
    } catch (error) {
      if (error instanceof NotADeliveryReport) throw UnissonError.validation([{ field: 'message', message: error.message }]);
      throw error;
    }
  }
}
