import { DynamicModule, Module, ModuleMetadata } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@unisson/config';
import { LetterBatches } from './letter-batches.service';
import { LetterChannelSender } from './letter-channel-sender';
import { LetterBatchProcessor } from './jobs/letter-batch.processor';
import { LettersReconciler } from './jobs/letters-reconciler';
import { PrintStageRepository } from './print-stage.repository';
import { LetterProvider } from './providers/letter-provider';
import { LocalLetterProvider } from './providers/local-letter-provider';
import { OnlineLetterProvider } from './providers/online-letter-provider';
import { ReturnedLetters } from './returned-letters.service';

/** The letter channel's sender and its print stage: imported by messaging (CHANNEL_SENDERS). Uses `LetterLinks` (the response page's `LetterLinksModule`) and the queues. */
@Module({
  providers: [PrintStageRepository, LetterChannelSender],
  exports: [PrintStageRepository, LetterChannelSender],
})
export class LetterSendingModule {}

const letterProvider = {
  provide: LetterProvider,
  useFactory: (config: AppConfig): LetterProvider =>
    config.letters.provider === 'online' ? new OnlineLetterProvider(config.letters.service) : new LocalLetterProvider(config.letters.dir),
  inject: [APP_CONFIG],
};

/**
 * Print batches (worker) and returned letters. `imports` must provide `LetterOutcomes`
 * (messaging's `ContactMessagingModule`): letters never reads messaging's tables.
 */
@Module({})
export class LettersJobsModule {
  static forRoot(options: { imports: ModuleMetadata['imports'] }): DynamicModule {
    return {
      module: LettersJobsModule,
      imports: [LetterSendingModule, ...(options.imports ?? [])],
      providers: [letterProvider, LetterBatches, LetterBatchProcessor, LettersReconciler, ReturnedLetters],
      exports: [ReturnedLetters, LetterBatches],
    };
  }
}
