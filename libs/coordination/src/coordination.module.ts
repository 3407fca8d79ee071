/**
 * Nest wiring. The lead imports `CoordinationHttpModule` into apps/api and
 * `CoordinationJobsModule` into apps/worker, and provides a `ContactHandOff` implementation
 * (messaging) through `CoordinationModule.forRoot({ handOff })`.
 */
import { getQueueToken } from '@nestjs/bullmq';
import { DynamicModule, Module, Provider, Type } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { ContactHandOff, RecordingContactHandOff } from './contact-hand-off';
import { CoordinationRepository } from './coordination.repository';
import { CoordinationService } from './coordination.service';
import { HouseholdSnapshotRepository } from './household-snapshot.repository';
import { HouseholdPlanController } from './http/household-plan.controller';
import { COORDINATION_QUEUE } from './jobs/contact-due.job';
import { ContactDueProcessor } from './jobs/contact-due.processor';
import { PlanExecutor, systemClock } from './plan-executor';
import { PlaybookCatalog } from './playbooks/playbook-catalog';

export interface CoordinationOptions {
  /** Messaging's implementation of the hand-off; a recording one until it is wired. */
  handOff?: Type<ContactHandOff>;
}

function providers(options: CoordinationOptions): Provider[] {
  return [
    { provide: PlaybookCatalog, useFactory: () => PlaybookCatalog.load() },
    { provide: CoordinationRepository, useFactory: (ds: DataSource) => new CoordinationRepository(ds), inject: [DataSource] },
    { provide: HouseholdSnapshotRepository, useFactory: (ds: DataSource) => new HouseholdSnapshotRepository(ds), inject: [DataSource] },
    { provide: ContactHandOff, useClass: options.handOff ?? RecordingContactHandOff },
    {
      provide: PlanExecutor,
      useFactory: (repo: CoordinationRepository, queue: Queue, handOff: ContactHandOff) => new PlanExecutor(repo, queue, handOff),
      inject: [CoordinationRepository, getQueueToken(COORDINATION_QUEUE), ContactHandOff],
    },
    {
      provide: CoordinationService,
      useFactory: (repo: CoordinationRepository, snapshots: HouseholdSnapshotRepository, executor: PlanExecutor, catalog: PlaybookCatalog) =>
        new CoordinationService(repo, snapshots, executor, catalog, systemClock),
      inject: [CoordinationRepository, HouseholdSnapshotRepository, PlanExecutor, PlaybookCatalog],
    },
  ];
}

/** Services only (needs TypeORM's DataSource and the `coordination` BullMQ queue registered). */
@Module({})
export class CoordinationModule {
  static forRoot(options: CoordinationOptions = {}): DynamicModule {
    const list = providers(options);
    return { module: CoordinationModule, providers: list, exports: [CoordinationService, PlanExecutor, PlaybookCatalog, ContactHandOff] };
  }
}

@Module({})
export class CoordinationHttpModule {
  static forRoot(options: CoordinationOptions = {}): DynamicModule {
    return { module: CoordinationHttpModule, imports: [CoordinationModule.forRoot(options)], controllers: [HouseholdPlanController] };
  }
}

@Module({})
export class CoordinationJobsModule {
  static forRoot(options: CoordinationOptions = {}): DynamicModule {
    return { module: CoordinationJobsModule, imports: [CoordinationModule.forRoot(options)], providers: [ContactDueProcessor] };
  }
}
