import { Test } from '@nestjs/testing';
import { ConfigModule, loadConfig } from '@unisson/config';
import { ChannelsModule } from './channels.module';
import { EmailSender } from './email-sender';
import { SmsSender } from './sms-sender';
import { SmtpEmailSender } from './smtp-email-sender';
import { TwilioSmsSender } from './twilio-sms-sender';

describe('ChannelsModule', () => {
  it('provides the Twilio and SMTP adapters behind the SmsSender and EmailSender tokens', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [ConfigModule.forRoot(loadConfig({ TWILIO_BASE_URL: '' })), ChannelsModule],
    }).compile();
    expect(moduleRef.get(SmsSender)).toBeInstanceOf(TwilioSmsSender);
    expect(moduleRef.get(EmailSender)).toBeInstanceOf(SmtpEmailSender);
    await moduleRef.close();
  });
});
