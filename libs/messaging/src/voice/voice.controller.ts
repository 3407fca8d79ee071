import { Controller, Header, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CALLBACK_DIGIT, hangupTwiml, keyPressAnswerTwiml, REPEAT_DIGIT, spokenMessageTwiml, voiceMessageUrls } from '@unisson/channels';
import { APP_CONFIG, AppConfig } from '@unisson/config';
import { COORDINATION_CLOCK, type ExecutorClock } from '@unisson/coordination';
import { Public } from '@unisson/partners';
import { ResponseRecorder } from '@unisson/responses';
import { CallbackRequests, SOONEST_SLOT } from '@unisson/tasks';
import { TwilioRequestVerifier } from '../http/twilio-request-verifier';
import { MessagesRepository } from '../messages.repository';
import { ClickToCall } from './click-to-call';
import { VoicePrompts } from './voice-prompts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * What Twilio asks while a call is live: the TwiML of a spoken message, the key the household
 * pressed, the bridge of a click-to-call. Public routes, each request signed by Twilio (403
 * otherwise). Anything we cannot serve gets a polite hang-up, never a stack trace read aloud.
 */
@ApiExcludeController()
@Public()
@Controller('v1/voice')
export class VoiceController {
  constructor(
    private readonly twilio: TwilioRequestVerifier,
    private readonly messages: MessagesRepository,
    private readonly prompts: VoicePrompts,
    private readonly responses: ResponseRecorder,
    private readonly clickToCall: ClickToCall,
    private readonly callbacks: CallbackRequests,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    /** The plan's calendar (real time unless a demo or a test starts it elsewhere): the call-back's slot is counted on it. */
    @Inject(COORDINATION_CLOCK) private readonly clock: ExecutorClock,
  ) {}

  @Post('messages/:id/twiml')
  @HttpCode(200)
  @Header('content-type', 'text/xml; charset=utf-8')
  async spokenMessage(@Req() request: FastifyRequest, @Param('id') id: string): Promise<string> {
    const params = await this.twilio.verifiedForm(request);
    const message = await this.voiceMessage(id, params.CallSid);
    if (!message) return hangupTwiml();
    const prompts = this.prompts.for(message.locale);
    return spokenMessageTwiml({
      locale: message.locale,
      text: message.body,
      callbackPrompt: prompts.callbackPrompt,
      gatherUrl: voiceMessageUrls(this.config.api.publicBaseUrl, message.id).keypress,
      goodbye: prompts.goodbye,
    });
  }

  /** 1: the household asks to be called back (a response event, the plan follows); 2: hear it again. */
  @Post('messages/:id/keypress')
  @HttpCode(200)
  @Header('content-type', 'text/xml; charset=utf-8')
  async keyPressed(@Req() request: FastifyRequest, @Param('id') id: string): Promise<string> {
    const params = await this.twilio.verifiedForm(request);
    const message = await this.voiceMessage(id, params.CallSid);
    if (!message) return hangupTwiml();
    const prompts = this.prompts.for(message.locale);
    const digits = params.Digits ?? '';
    if (digits === REPEAT_DIGIT) {
      return keyPressAnswerTwiml(message.locale, '', voiceMessageUrls(this.config.api.publicBaseUrl, message.id).twiml);
    }
    if (digits !== CALLBACK_DIGIT) return keyPressAnswerTwiml(message.locale, prompts.goodbye, null);
    const requestKey = `voice-keypress:${params.CallSid}:${CALLBACK_DIGIT}`;
    await this.responses.record({
      idempotencyKey: requestKey,
      householdId: message.householdId,
      kind: 'callback_requested',
      source: 'voice',
      occurredAt: new Date(),
      messageId: message.id,
      plannedContactKey: message.plannedContactKey,
      partnerId: message.signingPartnerIds[0] ?? null,
      details: { digits, slot: SOONEST_SLOT },
    });
    // The call promised: a call task as soon as the call hours allow (one per household, decision 0031).
    await this.callbacks.request(
      {
        householdId: message.householdId,
        slot: SOONEST_SLOT,
        requestKey,
        source: 'voice',
        partnerId: message.signingPartnerIds[0] ?? null,
      },
      new Date(this.clock.now()),
    );
    return keyPressAnswerTwiml(message.locale, prompts.callbackThanks, null);
  }

  @Post('click-to-call/:id/twiml')
  @HttpCode(200)
  @Header('content-type', 'text/xml; charset=utf-8')
  async bridge(@Req() request: FastifyRequest, @Param('id') id: string): Promise<string> {
    const params = await this.twilio.verifiedForm(request);
    if (!UUID.test(id)) return hangupTwiml();
    return this.clickToCall.bridge(id, params.CallSid ?? '');
  }

  /** The household's leg ended (its status came through its own callback): the agent's call ends too. */
  @Post('click-to-call/:id/dial-ended')
  @HttpCode(200)
  @Header('content-type', 'text/xml; charset=utf-8')
  async dialEnded(@Req() request: FastifyRequest): Promise<string> {
    await this.twilio.verifiedForm(request);
    return hangupTwiml();
  }

  /** The spoken message of this call: a voice message whose call this is (or whose call is not recorded yet). */
  private async voiceMessage(id: string, callSid: string | undefined) {
    if (!UUID.test(id)) return null;
    const message = await this.messages.findById(id);
    if (!message || message.channel !== 'voice') return null;
    if (message.providerMessageId && message.providerMessageId !== callSid) return null;
    return message;
  }
}
