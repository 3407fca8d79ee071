/**
 * Nest wiring. The lead imports `CoordinationHttpModule` into apps/api and
 * `CoordinationJobsModule` into apps/worker, and provides a `ContactHandOff` implementation
 * (messaging) through `CoordinationModule.forRoot({ handOff })`.
 */
import { getQueueToken } from '@nestjs/bullmq';
import { DynamicModule, Module, ModuleMetadata, Provider, Type } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { APP_CONFIG, AppConfig } from '@unisson/config';
import { DataSource } from 'typeorm';
import { ContactHandOff, RecordingContactHandOff } from './contact-hand-off';
import { CoordinationRepository } from './coordination.repository';
import { CoordinationService, PLAN_OBSERVER, PlanObserver } from './coordination.service';
import { PLAN_CALLBACKS, PlanCallbackSource } from './domain/plan-callbacks';
import { HouseholdCaseSource, PartnerDirectorySource } from './household-case-source';
import { HouseholdSnapshotRepository } from './household-snapshot.repository';
import { IntentOutcomesReader } from './intent-outcomes.reader';
import { HouseholdPlanController } from './http/household-plan.controller';
import { CONTACT_HANDOFF_QUEUE, COORDINATION_QUEUE } from './jobs/contact-due.job';
import { ContactDueProcessor, ContactHandOffProcessor } from './jobs/contact-due.processor';
import { CoordinationReconciler } from './jobs/coordination-reconciler';
import { clockStartingAt, ExecutorClock, PlanExecutor } from './plan-executor';
import { PlaybookCatalog } from './playbooks/playbook-catalog';
import { PlanCostEstimator } from './plan-cost';

/** The coordination calendar's clock (real time unless COORDINATION_CLOCK_START is set). */
export const COORDINATION_CLOCK = Symbol('COORDINATION_CLOCK');

export interface CoordinationOptions {
  /** Messaging's implementation of the hand-off (exported by one of `imports`); a recording one otherwise. */
  handOff?: Type<ContactHandOff>;
  /** Households' public reader of a household's case (exported by one of `imports`). */
  householdCases: Type<HouseholdCaseSource>;
  /** Partners' public reader of who works on a territory (exported by one of `imports`, or global). */
  partnerDirectory: Type<PartnerDirectorySource>;
  /** Modules that provide the hand-off and what it needs. */
  imports?: ModuleMetadata['imports'];
  /** What a plan costs partners (apps/api: from the template library); the plan answers `cost: null` without it. */
  planCost?: Type<PlanCostEstimator>;
  /** The call-backs households asked for, shown in their plans (apps/api: the tasks capability's reader, exported by one of `imports`). */
  callbacks?: Type<PlanCallbackSource>;
}

function providers(options: CoordinationOptions): Provider[] {
  return [
    { provide: PlaybookCatalog, useFactory: () => PlaybookCatalog.load() },
    { provide: CoordinationRepository, useFactory: (ds: DataSource) => new CoordinationRepository(ds), inject: [DataSource] },
    { provide: HouseholdCaseSource, useExisting: options.householdCases },
    { provide: PartnerDirectorySource, useExisting: options.partnerDirectory },
    {
      provide: HouseholdSnapshotRepository,
      useFactory: (ds: DataSource, cases: HouseholdCaseSource, directory: PartnerDirectorySource) =>
        new HouseholdSnapshotRepository(ds, cases, directory),
      inject: [DataSource, HouseholdCaseSource, PartnerDirectorySource],
    },
    { provide: IntentOutcomesReader, useFactory: (ds: DataSource) => new IntentOutcomesReader(ds), inject: [DataSource] },
    ...(options.planCost ? [{ provide: PlanCostEstimator, useClass: options.planCost }] : []),
    ...(options.callbacks ? [{ provide: PLAN_CALLBACKS, useExisting: options.callbacks }] : []),
    options.handOff
      ? { provide: ContactHandOff, useExisting: options.handOff }
      : { provide: ContactHandOff, useClass: RecordingContactHandOff },
    {
      provide: COORDINATION_CLOCK,
      useFactory: (config: AppConfig) => clockStartingAt(config.coordinationClockStart),
      inject: [APP_CONFIG],
    },
    {
      provide: PlanExecutor,
      useFactory: (
        repo: CoordinationRepository,
        queue: Queue,
        handOff: ContactHandOff,
        clock: ExecutorClock,
        handOffQueue: Queue,
        config: AppConfig,
      ) => new PlanExecutor(repo, queue, handOff, clock, { handOffQueue, enqueueHorizonMs: config.jobs.enqueueHorizonMs }),
      inject: [
        CoordinationRepository,
        getQueueToken(COORDINATION_QUEUE),
        ContactHandOff,
        COORDINATION_CLOCK,
        getQueueToken(CONTACT_HANDOFF_QUEUE),
        APP_CONFIG,
      ],
    },
    {
      provide: CoordinationService,
      useFactory: (
        repo: CoordinationRepository,
        snapshots: HouseholdSnapshotRepository,
        executor: PlanExecutor,
        catalog: PlaybookCatalog,
        clock: ExecutorClock,
        observer: PlanObserver | undefined,
        callbacks: PlanCallbackSource | undefined,
      ) => new CoordinationService(repo, snapshots, executor, catalog, clock, observer ?? null, callbacks ?? null),
      inject: [
        CoordinationRepository,
        HouseholdSnapshotRepository,
        PlanExecutor,
        PlaybookCatalog,
        COORDINATION_CLOCK,
        { token: PLAN_OBSERVER, optional: true },
        { token: PLAN_CALLBACKS, optional: true },
      ],
    },
  ];
}

/**
 * The engine's services, once per app and visible to every module (messaging reports outcomes to
 * it). Needs TypeORM's DataSource and the `coordination` BullMQ queue registered.
 */
@Module({})
export class CoordinationModule {
  static forRoot(options: CoordinationOptions): DynamicModule {
    return {
      module: CoordinationModule,
      global: true,
      imports: options.imports ?? [],
      providers: providers(options),
      exports: [
        CoordinationService,
        CoordinationRepository,
        PlanExecutor,
        PlaybookCatalog,
        ContactHandOff,
        COORDINATION_CLOCK,
        IntentOutcomesReader,
        ...(options.planCost ? [PlanCostEstimator] : []),
      ],
    };
  }
}

/** The plan endpoints (apps/api); needs `CoordinationModule.forRoot` in the app. */
@Module({ controllers: [HouseholdPlanController] })
export class CoordinationHttpModule {}

/** The `contact.due` and `contact.handoff` processors and the engine's reconciler (apps/worker); needs `CoordinationModule.forRoot` in the app. */
@Module({
  providers: [
    ContactDueProcessor,
    ContactHandOffProcessor,
    {
      provide: CoordinationReconciler,
      useFactory: (
        repo: CoordinationRepository,
        executor: PlanExecutor,
        handOff: ContactHandOff,
        due: Queue,
        handOffQueue: Queue,
        clock: ExecutorClock,
      ) => new CoordinationReconciler(repo, executor, handOff, due, handOffQueue, clock),
      inject: [
        CoordinationRepository,
        PlanExecutor,
        ContactHandOff,
        getQueueToken(COORDINATION_QUEUE),
        getQueueToken(CONTACT_HANDOFF_QUEUE),
        COORDINATION_CLOCK,
      ],
    },
  ],
})
export class CoordinationJobsModule {}
