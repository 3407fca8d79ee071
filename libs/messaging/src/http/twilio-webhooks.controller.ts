import { Body, Controller, Header, HttpCode, Inject, Post, Query, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { isValidTwilioSignature } from '@unisson/channels';
import { APP_CONFIG, AppConfig } from '@unisson/config';
import { Public } from '@unisson/partners';
import { UnissonError } from '@unisson/platform';
import { statusFromTwilio } from '../domain/message-status';
import { ContactOutcomeReporter } from '../contact-outcome-reporter';
import { InboundSmsService } from '../inbound-sms.service';
import { MessagesRepository } from '../messages.repository';

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
    private readonly outcomes: ContactOutcomeReporter,
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
    const to = statusFromTwilio(params.MessageStatus ?? params.SmsStatus ?? '');
    if (!to) return;
    const message = messageId ? await this.messages.findById(messageId) : await this.messages.findByProviderId(params.MessageSid ?? '');
    if (!message || (message.providerMessageId && message.providerMessageId !== params.MessageSid)) return;
    const now = new Date();
    const changed = await this.messages.transition(message.id, {
      to,
      source: 'twilio_callback',
      providerStatus: params.MessageStatus ?? null,
      errorCode: params.ErrorCode ?? null,
      set:
        to === 'delivered'
          ? { deliveredAt: now }
          : to === 'sent'
            ? { providerMessageId: params.MessageSid, sentAt: message.sentAt ?? now }
            : { failedAt: now, lastErrorCode: params.ErrorCode ?? null },
    });
    if (changed) await this.outcomes.messageReached(changed, to);
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
