import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { AuditHttpModule, AuditModule } from '@unisson/audit';
import { BulkImportHttpModule } from '@unisson/bulk-import';
import { CampaignsHttpModule } from '@unisson/campaigns';
import { HouseholdRightsHttpModule } from '@unisson/household-rights';
import { AppConfig, ConfigModule } from '@unisson/config';
import { CoordinationHttpModule, CoordinationModule } from '@unisson/coordination';
import { dataSourceOptions, dependencyHealthProvider } from '@unisson/database';
import { unissonSchema } from '@unisson/database/schema';
import { IntakeHttpModule } from '@unisson/intake';
import { LinkageModule } from '@unisson/linkage';
import { ContactMessagingModule, MessagingHttpModule, PlannedContactMessenger } from '@unisson/messaging';
import { PartnersModule } from '@unisson/partners';
import { HttpErrorFilter, loggerParams } from '@unisson/platform';
import { QueuesModule } from '@unisson/queues';
import { ResponsePageHttpModule } from '@unisson/response-page';
import { ResponsesModule } from '@unisson/responses';
import { TasksHttpModule } from '@unisson/tasks';
import { TemplateLibraryModule, TemplatesModule } from '@unisson/templates';
import { WebhooksHttpModule, WebhooksModule } from '@unisson/webhooks';
import { DashboardController } from './dashboard.controller';
import { HealthController } from './health.controller';
import { OverviewController } from './overview/overview.controller';
import { OverviewRepository } from './overview/overview.repository';

/** The HTTP API: wiring only. */
@Module({})
export class ApiModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot(loggerParams(config.logLevel, 'unisson-api')),
        TypeOrmModule.forRoot(
          dataSourceOptions(config.database.url, unissonSchema, { poolSize: config.database.poolSize, applicationName: 'unisson-api' }),
        ),
        QueuesModule.forRoot(config),
        AuditModule,
        AuditHttpModule,
        WebhooksModule,
        PartnersModule,
        TemplateLibraryModule,
        CoordinationModule.forRoot({ handOff: PlannedContactMessenger, imports: [ContactMessagingModule] }),
        ResponsesModule,
        IntakeHttpModule,
        MessagingHttpModule,
        CoordinationHttpModule,
        LinkageModule,
        TemplatesModule,
        BulkImportHttpModule,
        WebhooksHttpModule,
        CampaignsHttpModule,
        HouseholdRightsHttpModule,
        ResponsePageHttpModule,
        TasksHttpModule,
      ],
      controllers: [HealthController, DashboardController, OverviewController],
      providers: [{ provide: APP_FILTER, useClass: HttpErrorFilter }, OverviewRepository, dependencyHealthProvider],
    };
  }
}
