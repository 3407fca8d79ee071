import { Global, Module } from '@nestjs/common';
import { ResponseRecorder } from './response-recorder';

/**
 * `ResponseRecorder` for every module of an app (API and worker). Needs `CoordinationModule.forRoot`
 * in the app; uses `PartnerNotifier` when the app has webhooks.
 */
@Global()
@Module({ providers: [ResponseRecorder], exports: [ResponseRecorder] })
export class ResponsesModule {}
