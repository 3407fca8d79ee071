import { Module } from '@nestjs/common';
import { ChannelsModule } from '@unisson/channels';
import { HouseholdsModule } from '@unisson/households';
import { InboundSmsService } from './inbound-sms.service';
import { MessageDispatchService } from './message-dispatch.service';
import { MessagesRepository } from './messages.repository';

@Module({
  imports: [ChannelsModule, HouseholdsModule],
  providers: [MessagesRepository, MessageDispatchService, InboundSmsService],
  exports: [MessagesRepository, MessageDispatchService, InboundSmsService],
})
export class MessagingModule {}
