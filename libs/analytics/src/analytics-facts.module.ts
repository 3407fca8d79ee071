import { Module } from '@nestjs/common';
import { MessageFactsRecorder } from './message-facts.recorder';

/** What messaging needs of analytics: the recorder of worded messages (no dependency back). */
@Module({ providers: [MessageFactsRecorder], exports: [MessageFactsRecorder] })
export class AnalyticsFactsModule {}
