/** Test data builders for the planner (used by specs, the simulation and the benchmark). */
import type { PlanningInput } from '../domain/planning-context';
import type { Playbook } from '../domain/playbook.schema';
import type {
  ContactHistoryEntry,
  ContactIntent,
  HouseholdEvent,
  HouseholdState,
  OptOut,
  PartnerInPlan,
  PartnerKind,
  ProcedureState,
} from '../domain/types';
import { type ProcedureStage } from '@unisson/vocabulary';

let counter = 0;

export function intent(
  purpose: string,
  partnerKind: PartnerKind,
  stage: ProcedureStage,
  overrides: Partial<ContactIntent> = {},
): ContactIntent {
  counter += 1;
  return {
    id: `intent-${counter}`,
    partnerId: `partner-${partnerKind}`,
    partnerKind,
    stage,
    purpose,
    legal: false,
    deadline: null,
    callbackPhone: null,
    createdAt: '2026-11-02T08:00:00.000Z',
    ...overrides,
  };
}

export class PlanningInputBuilder {
  private household: HouseholdState = {
    id: 'household-1',
    postalCode: '93200',
    hasMobilePhone: true,
    hasEmail: true,
    postalAddressValid: true,
  };
  private procedure: ProcedureState = {
    id: 'procedure-1',
    stage: 'commandement_de_payer',
    stageEventOn: '2026-11-02',
    stageEnteredAt: '2026-11-02T09:00:00.000Z',
    landlordKind: 'prive',
    leaseSignedOn: '2024-01-15',
    dates: {},
    arrears: { debtCents: 120_000, monthlyRentCents: 60_000, firstUnpaidOn: '2026-09-05', housingBenefit: null },
    closedOn: null,
  };
  private partners: PartnerInPlan[] = [];
  private intents: ContactIntent[] = [];
  private history: ContactHistoryEntry[] = [];
  private optOuts: OptOut[] = [];
  private events: HouseholdEvent[] = [];
  private now = '2026-11-02T09:00:00.000Z';

  constructor(private readonly playbook: Playbook) {}

  withHousehold(overrides: Partial<HouseholdState>): this {
    this.household = { ...this.household, ...overrides };
    return this;
  }

  /** The stage, entered (and its legal event dated) at `stageEnteredAt`, unless `withProcedure` dates the event apart. */
  atStage(stage: ProcedureStage, stageEnteredAt: string, dates: ProcedureState['dates'] = {}): this {
    this.procedure = { ...this.procedure, stage, stageEnteredAt, stageEventOn: stageEnteredAt.slice(0, 10), dates };
    return this;
  }

  withPartners(...partners: PartnerInPlan[]): this {
    this.partners.push(...partners);
    return this;
  }

  withProcedure(overrides: Partial<ProcedureState>): this {
    this.procedure = { ...this.procedure, ...overrides };
    return this;
  }

  withIntents(...intents: ContactIntent[]): this {
    this.intents.push(...intents);
    return this;
  }

  withHistory(...entries: ContactHistoryEntry[]): this {
    this.history.push(...entries);
    return this;
  }

  withOptOut(optOut: OptOut): this {
    this.optOuts.push(optOut);
    return this;
  }

  withEvent(event: HouseholdEvent): this {
    this.events.push(event);
    return this;
  }

  at(now: string): this {
    this.now = now;
    return this;
  }

  build(): PlanningInput {
    return {
      household: this.household,
      procedure: this.procedure,
      intents: this.intents,
      playbook: this.playbook,
      history: this.history,
      optOuts: this.optOuts,
      events: this.events,
      partners: this.partners,
      now: this.now,
    };
  }
}
