import { Module } from '@nestjs/common';
import { TwilioWebhooksController } from './http/twilio-webhooks.controller';
import { MessagingModule } from './messaging.module';

/** Provider callbacks, for apps/api. */
@Module({ imports: [MessagingModule], controllers: [TwilioWebhooksController] })
export class MessagingHttpModule {}
