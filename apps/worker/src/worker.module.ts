import { DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig, ConfigModule } from '@unisson/config';
import { CoordinationJobsModule, CoordinationModule } from '@unisson/coordination';
import { dataSourceOptions, dependencyHealthProvider } from '@unisson/database';
import { HouseholdRegroupingModule } from '@unisson/households';
import { unissonSchema } from '@unisson/database/schema';
import { IntakeJobsModule } from '@unisson/intake';
import { ContactMessagingModule, MessagingJobsModule, PlannedContactMessenger } from '@unisson/messaging';
import { AuditModule } from '@unisson/audit';
import { BulkImportJobsModule } from '@unisson/bulk-import';
import { CampaignsJobsModule } from '@unisson/campaigns';
import { PartnersDirectoryModule } from '@unisson/partners';
import { loggerParams, ReconcilerLoop } from '@unisson/platform';
import { QueuesModule } from '@unisson/queues';
import { TasksJobsModule } from '@unisson/tasks';
import { ResponsesModule } from '@unisson/responses';
import { TemplateLibraryModule, TemplatesArchiveModule } from '@unisson/templates';
import { WebhooksJobsModule, WebhooksModule } from '@unisson/webhooks';
import { WorkerStartup } from './worker-startup';

/** The background worker: processors only, wiring only. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        DiscoveryModule,
        LoggerModule.forRoot(loggerParams(config.logLevel, 'unisson-worker')),
        TypeOrmModule.forRoot(
          dataSourceOptions(config.database.url, unissonSchema, { poolSize: config.database.poolSize, applicationName: 'unisson-worker' }),
        ),
        QueuesModule.forRoot(config),
        PartnersDirectoryModule,
        AuditModule,
        WebhooksModule,
        TemplateLibraryModule,
        TemplatesArchiveModule,
        CoordinationModule.forRoot({ handOff: PlannedContactMessenger, imports: [ContactMessagingModule] }),
        ResponsesModule,
        CoordinationJobsModule,
        IntakeJobsModule,
        HouseholdRegroupingModule,
        MessagingJobsModule,
        BulkImportJobsModule,
        WebhooksJobsModule,
        CampaignsJobsModule,
        TasksJobsModule,
      ],
      providers: [WorkerStartup, ReconcilerLoop, dependencyHealthProvider],
    };
  }
}
