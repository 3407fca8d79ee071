import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditEntry } from '@unisson/platform';
import { auditRow } from './domain/audit-record';

export type AuditRow = ReturnType<typeof auditRow>;

export interface AuditQuery {
  householdId?: string;
  actorId?: string;
  actorPartnerId?: string;
  action?: string;
  subjectId?: string;
  outcome?: string;
  from?: Date;
  to?: Date;
  /** Entries older than this id (paging backwards). */
  beforeId?: string;
  limit: number;
}

export interface AuditEntryView {
  id: string;
  at: string;
  actorType: string;
  actorId: string | null;
  actorPartnerId: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  householdId: string | null;
  outcome: string;
  fields: string[] | null;
  correlationId: string | null;
}

@Injectable()
export class AuditRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Appends entries in one statement (the table refuses updates and deletes). */
  async append(rows: AuditRow[]): Promise<void> {
    if (!rows.length) return;
    await this.dataSource.createQueryBuilder().insert().into(AuditEntry).values(rows).execute();
  }

  async find(query: AuditQuery): Promise<AuditEntryView[]> {
    const qb = this.dataSource.getRepository(AuditEntry).createQueryBuilder('e').orderBy('e.id', 'DESC').limit(query.limit);
    if (query.householdId) qb.andWhere('e.household_id = :householdId', { householdId: query.householdId });
    if (query.actorId) qb.andWhere('e.actor_id = :actorId', { actorId: query.actorId });
    if (query.actorPartnerId) qb.andWhere('e.actor_partner_id = :actorPartnerId', { actorPartnerId: query.actorPartnerId });
    if (query.action) qb.andWhere("e.action LIKE :action ESCAPE '\\'", { action: `${query.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%` });
    if (query.subjectId) qb.andWhere('e.subject_id = :subjectId', { subjectId: query.subjectId });
    if (query.outcome) qb.andWhere('e.outcome = :outcome', { outcome: query.outcome });
    if (query.from) qb.andWhere('e.at >= :from', { from: query.from });
    if (query.to) qb.andWhere('e.at < :to', { to: query.to });
    if (query.beforeId) qb.andWhere('e.id < :beforeId', { beforeId: query.beforeId });
    const rows = await qb.getMany();
    return rows.map((e) => ({
      id: String(e.id),
      at: e.at.toISOString(),
      actorType: e.actorType,
      actorId: e.actorId,
      actorPartnerId: e.actorPartnerId,
      action: e.action,
      subjectType: e.subjectType,
      subjectId: e.subjectId,
      householdId: e.householdId,
      outcome: e.outcome,
      fields: e.fields,
      correlationId: e.correlationId,
    }));
  }
}
