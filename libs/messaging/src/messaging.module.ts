import { Module } from '@nestjs/common';
import { AnalyticsFactsModule } from '@unisson/analytics';
import { ExperimentsModule } from '@unisson/experiments';
import {
  ChannelSender,
  ChannelSenderRegistry,
  ChannelsModule,
  EmailChannelSender,
  SmsChannelSender,
  VoiceChannelSender,
} from '@unisson/channels';
import { InvalidPhoneNumbers } from '@unisson/coordination';
import { HouseholdsModule } from '@unisson/households';
import { LetterChannelSender, LetterOutcomes, LetterSendingModule } from '@unisson/letters';
import { RedisRateLimiter } from '@unisson/platform';
import { CallTaskSender, HomeVisitTaskSender, TasksModule } from '@unisson/tasks';
import { ContactOutcomeReporter } from './contact-outcome-reporter';
import { HouseholdMessagesReader } from './household-messages.reader';
import { InboundSmsService } from './inbound-sms.service';
import { MessageComposer } from './message-composer';
import { DispatchStateRepository } from './dispatch-state.repository';
import { ProviderGuard } from './dispatch/provider-guard';
import { MessageDispatchService } from './message-dispatch.service';
import { MessagesRepository } from './messages.repository';
import { LandlordLetterComposer } from './landlord-letter-composer';
import { PlannedContactMessenger } from './planned-contact-messenger';
import { ProviderStatusUpdates } from './provider-status-updates';
import { LetterOutcomeUpdates } from './letter-outcome-updates';
import { TemplateComposer } from './template-composer';
import { BouncedAddresses } from './email/bounced-addresses';
import { EmailBounces } from './email/email-bounces';
import { CallStatusRecorder } from './voice/call-status-recorder';
import { ClickToCall } from './voice/click-to-call';
import { VoicePrompts } from './voice/voice-prompts';

/** Every channel's sender, behind the one `ChannelSender` port: a new channel adds its class here. */
const CHANNEL_SENDERS = [
  SmsChannelSender,
  EmailChannelSender,
  VoiceChannelSender,
  CallTaskSender,
  HomeVisitTaskSender,
  LetterChannelSender,
];

/** Messages and their durable life: storing them and sending each exactly once. Needs TypeORM and the config. */
@Module({
  imports: [ChannelsModule, HouseholdsModule, TasksModule, LetterSendingModule],
  providers: [
    MessagesRepository,
    DispatchStateRepository,
    RedisRateLimiter,
    ProviderGuard,
    MessageDispatchService,
    HouseholdMessagesReader,
    {
      provide: ChannelSenderRegistry,
      useFactory: (...senders: ChannelSender[]) => new ChannelSenderRegistry(senders),
      inject: CHANNEL_SENDERS,
    },
  ],
  exports: [MessagesRepository, MessageDispatchService, ChannelSenderRegistry, HouseholdsModule, HouseholdMessagesReader],
})
export class MessagingModule {}

/**
 * Click-to-call (`ClickToCall`) and the phone menu's texts, for the worklists of call platforms.
 * Needs, from the app: the partners' directory and access policy, the template library.
 */
@Module({
  imports: [ChannelsModule, HouseholdsModule],
  providers: [VoicePrompts, ClickToCall],
  exports: [VoicePrompts, ClickToCall],
})
export class ClickToCallModule {}

/**
 * Messaging as the coordination engine's partner: planned contacts become worded messages,
 * outcomes and replies go back to the engine. Needs, from the app: the queues, the partners'
 * directory, the template library and
 * `CoordinationModule.forRoot({ handOff: PlannedContactMessenger, imports: [ContactMessagingModule] })`.
 */
@Module({
  imports: [MessagingModule, ClickToCallModule, ExperimentsModule, AnalyticsFactsModule],
  providers: [
    InboundSmsService,
    ContactOutcomeReporter,
    ProviderStatusUpdates,
    PlannedContactMessenger,
    LandlordLetterComposer,
    CallStatusRecorder,
    EmailBounces,
    BouncedAddresses,
    // The engine's public reader of wrong numbers (its own table): no SMS or call goes to them.
    InvalidPhoneNumbers,
    { provide: MessageComposer, useClass: TemplateComposer },
    { provide: LetterOutcomes, useClass: LetterOutcomeUpdates },
  ],
  exports: [
    InboundSmsService,
    ContactOutcomeReporter,
    ProviderStatusUpdates,
    PlannedContactMessenger,
    CallStatusRecorder,
    EmailBounces,
    MessageComposer,
    MessagingModule,
    ClickToCallModule,
    LetterOutcomes,
  ],
})
export class ContactMessagingModule {}
