import { Module } from '@nestjs/common';
import { TasksModule } from '@unisson/tasks';
import { EmailController } from './email/email.controller';
import { TwilioRequestVerifier } from './http/twilio-request-verifier';
import { TwilioWebhooksController } from './http/twilio-webhooks.controller';
import { ContactMessagingModule } from './messaging.module';
import { ClickToCallController } from './voice/click-to-call.controller';
import { VoiceController } from './voice/voice.controller';

/** Provider callbacks, the TwiML of live calls, click-to-call and e-mail links, for apps/api. */
@Module({
  imports: [ContactMessagingModule, TasksModule],
  providers: [TwilioRequestVerifier],
  controllers: [TwilioWebhooksController, VoiceController, ClickToCallController, EmailController],
})
export class MessagingHttpModule {}
