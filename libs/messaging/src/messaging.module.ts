import { Module } from '@nestjs/common';
import { AnalyticsFactsModule } from '@unisson/analytics';
import { ExperimentsModule } from '@unisson/experiments';
import { ChannelSender, ChannelSenderRegistry, ChannelsModule, EmailChannelSender, SmsChannelSender } from '@unisson/channels';
import { HouseholdsModule } from '@unisson/households';
import { LetterChannelSender, LetterOutcomes, LetterSendingModule } from '@unisson/letters';
import { RedisRateLimiter } from '@unisson/platform';
import { ContactOutcomeReporter } from './contact-outcome-reporter';
import { HouseholdMessagesReader } from './household-messages.reader';
import { InboundSmsService } from './inbound-sms.service';
import { MessageComposer } from './message-composer';
import { DispatchStateRepository } from './dispatch-state.repository';
import { ProviderGuard } from './dispatch/provider-guard';
import { MessageDispatchService } from './message-dispatch.service';
import { MessagesRepository } from './messages.repository';
import { PlannedContactMessenger } from './planned-contact-messenger';
import { ProviderStatusUpdates } from './provider-status-updates';
import { LetterOutcomeUpdates } from './letter-outcome-updates';
import { TemplateComposer } from './template-composer';

/** Every channel's sender, behind the one `ChannelSender` port: a new channel adds its class here. */
const CHANNEL_SENDERS = [SmsChannelSender, EmailChannelSender, LetterChannelSender];

/** Messages and their durable life: storing them and sending each exactly once. Needs TypeORM and the config. */
@Module({
  imports: [ChannelsModule, HouseholdsModule, LetterSendingModule],
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
 * Messaging as the coordination engine's partner: planned contacts become worded messages,
 * outcomes and replies go back to the engine. Needs, from the app: the queues, the partners'
 * directory, the template library and
 * `CoordinationModule.forRoot({ handOff: PlannedContactMessenger, imports: [ContactMessagingModule] })`.
 */
@Module({
  imports: [MessagingModule, ExperimentsModule, AnalyticsFactsModule],
  providers: [
    InboundSmsService,
    ContactOutcomeReporter,
    ProviderStatusUpdates,
    PlannedContactMessenger,
    { provide: MessageComposer, useClass: TemplateComposer },
    { provide: LetterOutcomes, useClass: LetterOutcomeUpdates },
  ],
  exports: [
    InboundSmsService,
    ContactOutcomeReporter,
    ProviderStatusUpdates,
    PlannedContactMessenger,
    MessageComposer,
    MessagingModule,
    LetterOutcomes,
  ],
})
export class ContactMessagingModule {}
