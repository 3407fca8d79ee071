export { AuditModule, AuditHttpModule } from './audit.module';
export { AuditTrail } from './audit-trail';
export { AuditRepository, AuditEntryView, AuditQuery } from './audit.repository';
export { Audited, AuditedOptions } from './http/audited.decorator';
export { AuditRecord, AuditOutcome, outcomeOfStatus, householdIdOrNull } from './domain/audit-record';
export { auditEntities, auditMigrations } from './schema';
