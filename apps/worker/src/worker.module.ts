import { DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig, ConfigModule } from '@unisson/config';
import { CoordinationJobsModule, CoordinationModule } from '@unisson/coordination';
import { dataSourceOptions, dependencyHealthProvider } from '@unisson/database';
import { HouseholdCaseReader, HouseholdRegroupingModule, HouseholdsModule, PersonalDataRetention } from '@unisson/households';
import { unissonSchema } from '@unisson/database/schema';
import { IntakeJobsModule, SubmissionEraser } from '@unisson/intake';
import { LinkageEraser } from '@unisson/linkage';
import { ContactMessagingModule, MessageEraser, MessagingJobsModule, PlannedContactMessenger } from '@unisson/messaging';
import { LettersJobsModule } from '@unisson/letters';
import { LetterLinksModule } from '@unisson/response-page';
import { AnalyticsModule } from '@unisson/analytics';
import { AuditModule } from '@unisson/audit';
import { BulkImportJobsModule } from '@unisson/bulk-import';
import { CampaignsJobsModule } from '@unisson/campaigns';
import { PartnerDirectoryReader, PartnersDirectoryModule } from '@unisson/partners';
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
        CoordinationModule.forRoot({
          handOff: PlannedContactMessenger,
          householdCases: HouseholdCaseReader,
          partnerDirectory: PartnerDirectoryReader,
          imports: [ContactMessagingModule, HouseholdsModule],
        }),
        ResponsesModule,
        CoordinationJobsModule,
        IntakeJobsModule,
        HouseholdRegroupingModule,
        MessagingJobsModule,
        LettersJobsModule.forRoot({ imports: [ContactMessagingModule] }),
        LetterLinksModule,
        BulkImportJobsModule,
        WebhooksJobsModule,
        CampaignsJobsModule,
        AnalyticsModule,
        TasksJobsModule,
      ],
      providers: [
        WorkerStartup,
        ReconcilerLoop,
        dependencyHealthProvider,
        // Retention: households erase their records after the period, each capability its part.
        PersonalDataRetention,
        SubmissionEraser,
        LinkageEraser,
        MessageEraser,
      ],
    };
  }
}
