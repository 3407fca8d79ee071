import type { MixedList } from 'typeorm';
import { AuditTrail1795000000100 } from './migrations/1795000000100-audit-trail';

/** The audit_entry entity lives in @unisson/platform (foundation); its later columns are migrated here. */
export const auditEntities: MixedList<Function> = [];
export const auditMigrations: MixedList<Function> = [AuditTrail1795000000100];
