import { Body, Controller, Header, HttpCode, Inject, Post, Query, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { isValidTwilioSignature } from '@unisson/channels';
import { APP_CONFIG, AppConfig } from '@unisson/config';
import { Public } from '@unisson/partners';
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
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('message-status')
  @HttpCode(204)
  async messageStatus(
    @Req() request: FastifyRequest,
    @Body() params: Record<string, string>,
    @Query('messageId') messageId: string | undefined,
  ): Promise<void> {
    this.verify(request, params);
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
    this.verify(request, params);
    await this.inboundSms.receive({ from: params.From ?? '', body: params.Body ?? '', providerMessageId: params.MessageSid ?? '' });
    return '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';
  }

  private verify(request: FastifyRequest, params: Record<string, string>): void {
    const url = `${this.config.api.publicBaseUrl}${request.url}`;
    const signature = request.headers['x-twilio-signature'];
    if (!isValidTwilioSignature(this.config.twilio.authToken, url, params ?? {}, typeof signature === 'string' ? signature : undefined)) {
      throw new UnissonError('INVALID_SIGNATURE', 'The X-Twilio-Signature header does not match this request.', 403);
    }
  }
}
