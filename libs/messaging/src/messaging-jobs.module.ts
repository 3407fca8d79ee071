import { Module } from '@nestjs/common';
import { DispatchProcessor } from './jobs/dispatch.processor';
import { MessagingModule } from './messaging.module';

/** The sending worker, for apps/worker. */
@Module({ imports: [MessagingModule], providers: [DispatchProcessor] })
export class MessagingJobsModule {}
