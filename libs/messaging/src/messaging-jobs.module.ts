import { Module } from '@nestjs/common';
import { DispatchProcessor } from './jobs/dispatch.processor';
import { MessagingReconciler } from './jobs/messaging-reconciler';
import { ContactMessagingModule } from './messaging.module';

/** The sending worker and the messaging reconciler, for apps/worker. */
@Module({ imports: [ContactMessagingModule], providers: [DispatchProcessor, MessagingReconciler] })
export class MessagingJobsModule {}
