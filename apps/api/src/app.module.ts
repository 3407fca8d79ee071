import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { AnalyticsHttpModule } from '@unisson/analytics';
import { AuditHttpModule, AuditModule } from '@unisson/audit';
import { BulkImportHttpModule } from '@unisson/bulk-import';
import { CampaignsHttpModule } from '@unisson/campaigns';
import { HouseholdRightsHttpModule } from '@unisson/household-rights';
import { AppConfig, ConfigModule } from '@unisson/config';
import { CoordinationFiguresReader, CoordinationHttpModule, CoordinationModule } from '@unisson/coordination';
import { HouseholdCaseReader, HouseholdFiguresReader, HouseholdsModule } from '@unisson/households';
import { dataSourceOptions, dependencyHealthProvider } from '@unisson/database';
import { unissonSchema } from '@unisson/database/schema';
import { IntakeHttpModule } from '@unisson/intake';
import { LinkageFiguresReader, LinkageModule } from '@unisson/linkage';
import { ContactMessagingModule, MessageFiguresReader, MessagingHttpModule, PlannedContactMessenger } from '@unisson/messaging';
import { PartnerDirectoryReader, PartnersModule } from '@unisson/partners';
import { LettersHttpModule } from '@unisson/letters';
import { LetterLinksModule } from '@unisson/response-page';
import { HttpErrorFilter, loggerParams } from '@unisson/platform';
import { QueuesModule } from '@unisson/queues';
import { ResponsePageHttpModule } from '@unisson/response-page';
import { ResponsesModule } from '@unisson/responses';
import { CallbackPlanReader, TasksHttpModule, TasksModule } from '@unisson/tasks';
import { TemplateLibraryModule, TemplateReviewModule, TemplatesModule } from '@unisson/templates';
import { WebhooksHttpModule, WebhooksModule } from '@unisson/webhooks';
import { DashboardController } from './dashboard.controller';
import { HealthController } from './health.controller';
import { OverviewController } from './overview/overview.controller';
import { OverviewRepository } from './overview/overview.repository';
import { PlanCostCalculator } from './overview/plan-cost.calculator';

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
        CoordinationModule.forRoot({
          handOff: PlannedContactMessenger,
          householdCases: HouseholdCaseReader,
          partnerDirectory: PartnerDirectoryReader,
          imports: [ContactMessagingModule, HouseholdsModule, TasksModule],
          planCost: PlanCostCalculator,
          callbacks: CallbackPlanReader,
        }),
        ResponsesModule,
        IntakeHttpModule,
        MessagingHttpModule,
        LettersHttpModule.forRoot({ imports: [ContactMessagingModule] }),
        LetterLinksModule,
        CoordinationHttpModule,
        LinkageModule,
        TemplatesModule,
        TemplateReviewModule,
        BulkImportHttpModule,
        WebhooksHttpModule,
        CampaignsHttpModule,
        HouseholdRightsHttpModule,
        AnalyticsHttpModule,
        ResponsePageHttpModule,
        TasksHttpModule,
      ],
      controllers: [HealthController, DashboardController, OverviewController],
      providers: [
        { provide: APP_FILTER, useClass: HttpErrorFilter },
        // The overview's figures, each capability counting its own tables.
        HouseholdFiguresReader,
        MessageFiguresReader,
        CoordinationFiguresReader,
        LinkageFiguresReader,
        OverviewRepository,
        PlanCostCalculator,
        dependencyHealthProvider,
      ],
    };
  }
}
