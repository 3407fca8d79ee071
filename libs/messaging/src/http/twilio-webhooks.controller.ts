import { Body, Controller, Header, HttpCode, Inject, Post, Query, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { isValidTwilioSignature } from '@unisson/channels';
import { APP_CONFIG, AppConfig } from '@unisson/config';
import { FailedAttempts, FORGERY_POLICY, Public } from '@unisson/partners';
import { UnissonError } from '@unisson/platform';
import { InboundSmsService } from '../inbound-sms.service';
import { MessagesRepository } from '../messages.repository';
import { ProviderStatusUpdates } from '../provider-status-updates';

/**
 * Twilio's callbacks. Public routes, but every request must carry a valid X-Twilio-Signature
 * computed with our auth token over the exact public URL and parameters.
 */
@ApiExcludeController()
@Public()
@Controller('v1/webhooks/twilio')
export class TwilioWebhooksController {
  constructor(
    private readonly messages: MessagesRepository,
    private readonly inboundSms: InboundSmsService,
    private readonly statusUpdates: ProviderStatusUpdates,
    private readonly attempts: FailedAttempts,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('message-status')
  @HttpCode(204)
  async messageStatus(
    @Req() request: FastifyRequest,
    @Body() params: Record<string, string>,
    @Query('messageId') messageId: string | undefined,
  ): Promise<void> {
    await this.verify(request, params);
    const validId = messageId && /^[0-9a-f-]{36}$/i.test(messageId) ? messageId : null;
    const message = validId ? await this.messages.findById(validId) : await this.messages.findByProviderId(params.MessageSid ?? '');
    if (!message || (message.providerMessageId && message.providerMessageId !== params.MessageSid)) return;
    await this.statusUpdates.apply(message, {
      providerStatus: params.MessageStatus ?? params.SmsStatus ?? '',
      providerMessageId: params.MessageSid ?? null,
      errorCode: params.ErrorCode ?? null,
      source: 'twilio_callback',
    });
  }

  @Post('inbound-sms')
  @HttpCode(200)
  @Header('content-type', 'text/xml')
  async inbound(@Req() request: FastifyRequest, @Body() params: Record<string, string>): Promise<string> {
    await this.verify(request, params);
    await this.inboundSms.receive({ from: params.From ?? '', body: params.Body ?? '', providerMessageId: params.MessageSid ?? '' });
    return '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';
  }

  /** A valid X-Twilio-Signature, else 403; a client that keeps forging them is locked out (429). */
  private async verify(request: FastifyRequest, params: Record<string, string>): Promise<void> {
    await this.attempts.refuseIfLocked('webhook-signature', request.ip, FORGERY_POLICY);
    const url = `${this.config.api.publicBaseUrl}${request.url}`;
    const signature = request.headers['x-twilio-signature'];
    if (!isValidTwilioSignature(this.config.twilio.authToken, url, params ?? {}, typeof signature === 'string' ? signature : undefined)) {
      await this.attempts.recordFailure('webhook-signature', request.ip, FORGERY_POLICY);
      throw new UnissonError('INVALID_SIGNATURE', 'The X-Twilio-Signature header does not match this request.', 403);
    }
  }
}
