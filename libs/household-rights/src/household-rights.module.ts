import { Module } from '@nestjs/common';
import { HouseholdsModule } from '@unisson/households';
import { LinkageModule } from '@unisson/linkage';
import { ContactMessagingModule } from '@unisson/messaging';
import { TaskWorkModule } from '@unisson/tasks';
import { EmailUnsubscribeController } from './http/email-unsubscribe.controller';
import { HouseholdRightsController } from './http/household-rights.controller';
import { HouseholdRightsService } from './household-rights.service';
import { HouseholdViewService } from './household-view.service';

/** Shared view, export, correction and objection routes (apps/api; needs `CoordinationModule.forRoot` and `ResponsesModule`). */
@Module({
  imports: [HouseholdsModule, LinkageModule, ContactMessagingModule, TaskWorkModule],
  providers: [HouseholdViewService, HouseholdRightsService],
  controllers: [HouseholdRightsController, EmailUnsubscribeController],
})
export class HouseholdRightsHttpModule {}
