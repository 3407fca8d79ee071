import { Module } from '@nestjs/common';
import { TwilioWebhooksController } from './http/twilio-webhooks.controller';
import { ContactMessagingModule } from './messaging.module';

/** Provider callbacks, for apps/api. */
@Module({ imports: [ContactMessagingModule], controllers: [TwilioWebhooksController] })
export class MessagingHttpModule {}
