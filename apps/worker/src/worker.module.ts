import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig, ConfigModule } from '@unisson/config';
import { dataSourceOptions } from '@unisson/database';
import { unissonSchema } from '@unisson/database/schema';
import { IntakeJobsModule } from '@unisson/intake';
import { FoundationComposer, MessageComposer, MessagingJobsModule } from '@unisson/messaging';
import { PartnersRepository } from '@unisson/partners';
import { loggerParams } from '@unisson/platform';
import { QueuesModule } from '@unisson/queues';

/** Shared providers of the worker: the message composer and the partners' directory. */
@Global()
@Module({
  providers: [{ provide: MessageComposer, useClass: FoundationComposer }, PartnersRepository],
  exports: [MessageComposer, PartnersRepository],
})
class WorkerSharedModule {}

/** The background worker: processors only, wiring only. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot(loggerParams(config.logLevel, 'unisson-worker')),
        TypeOrmModule.forRoot(dataSourceOptions(config.database.url, unissonSchema, { poolSize: config.database.poolSize, applicationName: 'unisson-worker' })),
        QueuesModule.forRoot(config),
        WorkerSharedModule,
        IntakeJobsModule,
        MessagingJobsModule,
      ],
    };
  }
}
