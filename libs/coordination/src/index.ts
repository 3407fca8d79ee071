export * from './domain/types';
export * from './domain/calendar';
export { PlanningInput } from './domain/planning-context';
export {
  DEFAULT_TASK_ROUTING,
  LocalPlaybook,
  Playbook,
  PurposeDefinition,
  TaskRouting,
  TaskRoutingRule,
  WeeklyWindow,
  parseLocalPlaybook,
  parsePlaybook,
  playbookSchema,
} from './domain/playbook.schema';
export { resolvePlaybook } from './domain/playbook-resolution';
export { CafArrearsDecision, CafArrearsFacts, CafArrearsRegime, cafArrearsDecision } from './domain/caf-arrears';
export { frenchDate, partnerKindLabel } from './domain/french-text';
export { ContactState, contactState } from './domain/contact-state';
export { PLAN_CALLBACKS, PlanCallback, PlanCallbackSource, callbackState, replacedByCallback } from './domain/plan-callbacks';
export {
  nextAllowedInstant,
  isAllowedInstant,
  applicableDelay,
  legalDeadline,
  LegalDeadline,
  DelayCase,
  winterTruceEnd,
} from './domain/send-window';
export { ContactPlanner, planContacts, stableHash } from './domain/contact-planner';
export { PlaybookCatalog, PLAYBOOK_DIRECTORY } from './playbooks/playbook-catalog';
export { coordinationEntities, coordinationMigrations } from './schema';
export {
  CoordinationModule,
  CoordinationHttpModule,
  CoordinationJobsModule,
  CoordinationOptions,
  COORDINATION_CLOCK,
} from './coordination.module';
export { CoordinationService, IntentToPlan, PLAN_OBSERVER, PlanObserver } from './coordination.service';
export { PlanExecutor, DueOutcome, ExecutorClock, clockStartingAt, systemClock } from './plan-executor';
export { CoordinationRepository, PlannedContactRecord, PlanWriteResult } from './coordination.repository';
export { ContactHandOff, RecordingContactHandOff } from './contact-hand-off';
export { HouseholdSnapshotRepository } from './household-snapshot.repository';
export { InvalidPhoneNumbers, phoneNumberKey } from './invalid-phone-numbers';
export {
  HouseholdCase,
  HouseholdCaseProcedure,
  HouseholdCaseSource,
  PartnerDirectorySource,
  type PrivateLandlordAddress,
} from './household-case-source';
export { CoordinationFiguresReader } from './coordination-figures.reader';
export { PlanCostEstimator, PlanContactCount, countPlanContacts } from './plan-cost';
export {
  CONTACT_DUE_JOB,
  COORDINATION_QUEUE,
  CONTACT_HANDOFF_JOB,
  CONTACT_HANDOFF_QUEUE,
  contactDuePayload,
  contactDueJobId,
  contactDueOptions,
  contactHandOffJobId,
  contactHandOffOptions,
} from './jobs/contact-due.job';
export { intentsForStageEvent, StageEventParties, TerritoryPartner } from './domain/stage-intents';
export { IntentOutcomes, IntentOutcomesReader } from './intent-outcomes.reader';
export {
  generateHouseholds,
  procedureAtStage,
  DEFAULT_TERRITORIES,
  type SimulatedHousehold,
} from './domain/simulation/household-generator';
export { runSimulation, type SimulatedContact } from './domain/simulation/simulation';
