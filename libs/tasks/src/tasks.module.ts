import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CoordinationRepository, InvalidPhoneNumbers, PlaybookCatalog } from '@unisson/coordination';
import { HouseholdsModule } from '@unisson/households';
import { PartnersRepository } from '@unisson/partners';
import { TaskSweep } from './jobs/task-sweep';
import { CallTaskSender, HomeVisitTaskSender } from './task-senders';
import { TaskCreation } from './task-creation';
import { CallbackRequests } from './callback-requests';
import { CallbackPlanReader } from './callback-plan.reader';
import { TaskWork } from './task-work';
import { TasksRepository } from './tasks.repository';
import { TaskTeamsController } from './http/task-teams.controller';
import { WorklistController } from './http/worklist.controller';
import { WorklistPageController } from './http/worklist-page.controller';
import { TeamAccess } from './http/team-access';

/**
 * The senders of channels `call` and `homeVisit` (imported by messaging, registered in its
 * CHANNEL_SENDERS), the households' call-back requests (the response page, the voice menu) and
 * the reader that shows them in the plan. Self-contained on TypeORM's DataSource: the playbooks, the planned contacts
 * and the partners are read through their capabilities' public readers, provided here.
 */
@Module({
  imports: [HouseholdsModule],
  providers: [
    TasksRepository,
    TaskCreation,
    CallTaskSender,
    HomeVisitTaskSender,
    CallbackRequests,
    CallbackPlanReader,
    InvalidPhoneNumbers,
    PartnersRepository,
    { provide: PlaybookCatalog, useFactory: () => PlaybookCatalog.load() },
    { provide: CoordinationRepository, useFactory: (ds: DataSource) => new CoordinationRepository(ds), inject: [DataSource] },
  ],
  exports: [TasksRepository, TaskCreation, CallTaskSender, HomeVisitTaskSender, CallbackRequests, CallbackPlanReader],
})
export class TasksModule {}

/**
 * Working tasks (`TaskWork`): the worklists, the sweep, and the household rights (an objection to
 * calls takes the household's call tasks off the worklists at once). Needs `ResponsesModule` and
 * `CoordinationModule.forRoot`.
 */
@Module({ imports: [TasksModule], providers: [TaskWork], exports: [TaskWork] })
export class TaskWorkModule {}

/** Worklists: the JSON API for call platforms and the French page (apps/api). Needs `ResponsesModule`. */
@Module({
  imports: [TasksModule, TaskWorkModule],
  providers: [TeamAccess],
  controllers: [TaskTeamsController, WorklistController, WorklistPageController],
})
export class TasksHttpModule {}

/** The tasks' sweep in the worker's reconciler loop (apps/worker). */
@Module({ imports: [TasksModule, TaskWorkModule], providers: [TaskSweep] })
export class TasksJobsModule {}
