import { Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@unisson/config';
import { EmailSender } from './email-sender';
import { SmsSender } from './sms-sender';
import { SmtpEmailSender } from './smtp-email-sender';
import { TwilioSmsSender } from './twilio-sms-sender';

/** Provides SmsSender (Twilio SDK) and EmailSender (SMTP) built from the typed configuration. */
@Module({
  providers: [
    {
      provide: SmsSender,
      useFactory: (config: AppConfig) => new TwilioSmsSender(config.twilio),
      inject: [APP_CONFIG],
    },
    {
      provide: EmailSender,
      useFactory: (config: AppConfig) => new SmtpEmailSender(config.mail),
      inject: [APP_CONFIG],
    },
  ],
  exports: [SmsSender, EmailSender],
})
export class ChannelsModule {}
