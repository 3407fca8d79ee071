import type { EntityManager } from 'typeorm';

/** Whose personal data is erased: households and the partners' records of them. */
export interface ErasureSubject {
  householdIds: readonly string[];
  records: ReadonlyArray<{ id: string; partnerId: string; partnerRef: string }>;
}

/**
 * A capability's part of the retention rule: erases or anonymises, in the caller's transaction,
 * what it holds about these households (its own tables only). Idempotent. Found by the retention
 * job among the worker's providers, as reconcilers are.
 */
export abstract class PersonalDataEraser {
  abstract readonly name: string;
  abstract erase(manager: EntityManager, subject: ErasureSubject): Promise<void>;
}
