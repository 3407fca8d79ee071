import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import type { HouseholdCase, HouseholdCaseSource } from '@unisson/coordination';
import { Household } from './entities/household.entity';
import { HouseholdOptOut } from './entities/household-opt-out.entity';
import { PartnerRecord } from './entities/partner-record.entity';
import { Procedure } from './entities/procedure.entity';
import { StageEvent } from './entities/stage-event.entity';

/**
 * Households' public reader of a household's case for the coordination engine: where it is, its
 * latest procedure and stage events, the contact details partners gave (opened from their
 * encrypted columns here, the only place that holds the keys' use for them) and its objections.
 * Coordination asks here instead of reading the households' tables.
 */
@Injectable()
export class HouseholdCaseReader implements HouseholdCaseSource {
  constructor(private readonly dataSource: DataSource) {}

  async caseOf(householdId: string): Promise<HouseholdCase | null> {
    const manager = this.dataSource.manager;
    const [household, procedure, records, optOuts] = await Promise.all([
      manager.findOne(Household, { where: { id: householdId } }),
      this.dataSource
        .getRepository(Procedure)
        .createQueryBuilder('p')
        .where('p.householdId = :householdId', { householdId })
        .orderBy('(p.closed_at IS NULL)', 'DESC')
        .addOrderBy('p.opened_at', 'DESC')
        .getOne(),
      manager.find(PartnerRecord, { where: { householdId }, order: { updatedAt: 'DESC' } }),
      manager.find(HouseholdOptOut, { where: { householdId } }),
    ]);
    if (!household) return null;
    const events = procedure
      ? await manager.find(StageEvent, { where: { procedureId: procedure.id }, order: { occurredOn: 'ASC', recordedAt: 'ASC' } })
      : [];
    return {
      territory: household.territory,
      statedFacts: {
        readsWithDifficulty: household.readsWithDifficulty,
        dependentChildren: household.dependentChildren,
        preferredChannel: household.preferredChannel,
      },
      procedure: procedure && {
        id: procedure.id,
        landlordPartnerId: procedure.landlordPartnerId,
        stage: procedure.stage,
        housingSector: procedure.housingSector,
        leaseSignedOn: procedure.leaseSignedOn,
        hearingAt: procedure.hearingAt,
        updatedAt: procedure.updatedAt,
        closedAt: procedure.closedAt,
        debtCents: Number(procedure.debtCents ?? 0),
        monthlyRentCents: procedure.monthlyRentCents === null ? null : Number(procedure.monthlyRentCents),
        firstUnpaidOn: procedure.firstUnpaidOn,
      },
      records: records.map((r) => ({
        partnerId: r.partnerId,
        street: r.street,
        addressExtra: r.addressExtra,
        postalCode: r.postalCode,
        phone: r.phone,
        email: r.email,
        cafNumber: r.cafNumber,
      })),
      optOuts: optOuts.map((o) => ({ channel: o.channel, at: o.createdAt })),
      stageEvents: events.map((e) => ({
        type: e.type,
        occurredOn: e.occurredOn,
        reportedByPartnerId: e.reportedByPartnerId,
        learnedAt:
          typeof (e.details as { learnedAt?: unknown } | null)?.learnedAt === 'string'
            ? new Date((e.details as { learnedAt: string }).learnedAt)
            : null,
      })),
    };
  }

  /** The territory and the partners holding a record of the household, with its procedures' landlords. */
  async recordHolders(householdId: string): Promise<{ territory: string | null; partnerIds: string[] }> {
    const manager = this.dataSource.manager;
    const household = await manager.findOne(Household, { where: { id: householdId } });
    if (!household) return { territory: null, partnerIds: [] };
    const [records, procedures] = await Promise.all([
      manager.find(PartnerRecord, { where: { householdId }, select: { partnerId: true } }),
      manager.find(Procedure, { where: { householdId }, select: { landlordPartnerId: true } }),
    ]);
    return {
      territory: household.territory,
      partnerIds: [...new Set([...records.map((r) => r.partnerId), ...procedures.map((p) => p.landlordPartnerId)])],
    };
  }

  /** The freshest record's postal address (letters go there). */
  async currentAddress(householdId: string): Promise<{ street: string; addressExtra: string | null; postalCode: string } | null> {
    const record = await this.dataSource.manager.findOne(PartnerRecord, { where: { householdId }, order: { updatedAt: 'DESC' } });
    return record && { street: record.street, addressExtra: record.addressExtra, postalCode: record.postalCode };
  }

  /** Households by id (unused ids are absent): their territory. */
  async territories(householdIds: readonly string[]): Promise<Map<string, string>> {
    const rows = await this.dataSource.manager.find(Household, {
      where: { id: In([...householdIds]) },
      select: { id: true, territory: true },
    });
    return new Map(rows.map((h) => [h.id, h.territory]));
  }
}
