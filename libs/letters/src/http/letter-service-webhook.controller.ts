import { Body, Controller, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { APP_CONFIG, AppConfig } from '@unisson/config';
import { FailedAttempts, FORGERY_POLICY, Public } from '@unisson/partners';
import { UnissonError } from '@unisson/platform';
import { isValidLetterWebhook } from '../domain/webhook-signature';
import { LetterOutcomes } from '../letter-outcomes';
import { PrintStageRepository } from '../print-stage.repository';
import { ReturnedLetters } from '../returned-letters.service';

interface RecipientEvent {
  event_id?: string;
  event_type?: string;
  recipient_id?: string;
  status?: string;
  reason?: string | null;
}

/**
 * The online letter service's reports, per recipient: delivered (tracked letters) or returned
 * (NPAI). Signed (HMAC-SHA256 over timestamp and body); retried by the service until we answer
 * 2xx, so every effect is idempotent.
 */
@ApiExcludeController()
@Public()
@Controller('v1/webhooks/letters')
export class LetterServiceWebhookController {
  constructor(
    private readonly stage: PrintStageRepository,
    private readonly returned: ReturnedLetters,
    private readonly outcomes: LetterOutcomes,
    private readonly attempts: FailedAttempts,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post()
  @HttpCode(204)
  async receive(@Req() request: FastifyRequest, @Body() event: RecipientEvent): Promise<void> {
    await this.attempts.refuseIfLocked('webhook-signature', request.ip, FORGERY_POLICY);
    const header = (name: string) => (typeof request.headers[name] === 'string' ? (request.headers[name] as string) : undefined);
    if (
      !isValidLetterWebhook(
        this.config.letters.service.webhookSecret,
        header('x-letter-timestamp'),
        JSON.stringify(event ?? {}),
        header('x-letter-signature'),
      )
    ) {
      await this.attempts.recordFailure('webhook-signature', request.ip, FORGERY_POLICY);
      throw new UnissonError(
        'INVALID_SIGNATURE',
        'L’en-tête X-Letter-Signature ne correspond pas à cette requête : signez-la avec le secret de webhook convenu avec Unisson.',
        403,
      );
    }
    if (!event.recipient_id) return;
    const item = await this.stage.findByProviderLetterId(event.recipient_id);
    if (!item) return;
    if (event.status === 'UNDELIVERED' || event.event_type === 'RECIPIENT_RETURNED')
      await this.returned.byProviderLetterId(event.recipient_id);
    else if (event.status === 'DELIVERED' && (await this.stage.markDelivered(item.id))) await this.outcomes.delivered(item.messageId);
  }
}
