import { Controller, Header, HttpCode, Post, Query, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Public } from '@unisson/partners';
import { CallStatusRecorder } from '../voice/call-status-recorder';
import { TwilioRequestVerifier } from './twilio-request-verifier';
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
    private readonly twilio: TwilioRequestVerifier,
    private readonly calls: CallStatusRecorder,
  ) {}

  @Post('message-status')
  @HttpCode(204)
  async messageStatus(@Req() request: FastifyRequest, @Query('messageId') messageId: string | undefined): Promise<void> {
    const params = await this.twilio.verifiedForm(request);
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

  /** A spoken message's call (`messageId`) or a click-to-call leg (`clickToCallId` and `leg`). */
  @Post('call-status')
  @HttpCode(204)
  async callStatus(
    @Req() request: FastifyRequest,
    @Query('messageId') messageId: string | undefined,
    @Query('clickToCallId') clickToCallId: string | undefined,
    @Query('leg') leg: string | undefined,
  ): Promise<void> {
    const params = await this.twilio.verifiedForm(request);
    await this.calls.record({ messageId: messageId ?? null, clickToCallId: clickToCallId ?? null, leg: leg ?? null }, params ?? {});
  }

  @Post('inbound-sms')
  @HttpCode(200)
  @Header('content-type', 'text/xml')
  async inbound(@Req() request: FastifyRequest): Promise<string> {
    // The form as Twilio posted it, read before any check of its text: the signature is over these
    // exact values, and a reply holding a control character is still a reply (read as spaces).
    const params = await this.twilio.verifiedForm(request);
    await this.inboundSms.receive({
      from: params.From ?? '',
      body: params.Body ?? '',
      providerMessageId: params.MessageSid ?? '',
    });
    return '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';
  }
}
