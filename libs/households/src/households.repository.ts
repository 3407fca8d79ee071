import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { Household } from './entities/household.entity';
import { HouseholdOptOut } from './entities/household-opt-out.entity';
import { PartnerRecord } from './entities/partner-record.entity';
import { Procedure } from './entities/procedure.entity';
import { StageEvent } from './entities/stage-event.entity';

export type PartnerRecordFields = Omit<PartnerRecord, 'id' | 'createdAt' | 'updatedAt' | 'householdId'>;

@Injectable()
export class HouseholdsRepository {
  constructor(private readonly dataSource: DataSource) {}

  findRecordByRef(manager: EntityManager, partnerId: string, partnerRef: string): Promise<PartnerRecord | null> {
    return manager.findOne(PartnerRecord, { where: { partnerId, partnerRef } });
  }

  async createHousehold(manager: EntityManager, territory: string, preferredLocale: string): Promise<Household> {
    return manager.save(manager.create(Household, { territory, preferredLocale }));
  }

  async saveRecord(
    manager: EntityManager,
    existing: PartnerRecord | null,
    fields: PartnerRecordFields,
    householdId: string,
  ): Promise<PartnerRecord> {
    const record = existing ?? manager.create(PartnerRecord, { householdId });
    Object.assign(record, fields);
    return manager.save(record);
  }

  findOpenProcedure(manager: EntityManager, householdId: string): Promise<Procedure | null> {
    return manager.findOne(Procedure, { where: { householdId, closedAt: IsNull() }, order: { openedAt: 'DESC' } });
  }

  saveProcedure(manager: EntityManager, procedure: Partial<Procedure>): Promise<Procedure> {
    return manager.save(manager.create(Procedure, procedure));
  }

  async appendStageEvent(manager: EntityManager, event: Omit<StageEvent, 'id' | 'recordedAt'>): Promise<void> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(StageEvent)
      .values(event as never)
      .orIgnore() // the submission was already recorded: a retried job
      .execute();
  }

  async optedOutChannels(manager: EntityManager, householdId: string): Promise<Set<string>> {
    const rows = await manager.find(HouseholdOptOut, { where: { householdId }, select: { channel: true } });
    return new Set(rows.map((r) => r.channel));
  }

  async recordOptOut(householdId: string, channel: HouseholdOptOut['channel'], source: string): Promise<boolean> {
    const result = await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(HouseholdOptOut)
      .values({ householdId, channel, source })
      .orIgnore()
      .execute();
    return (result.identifiers?.length ?? 0) > 0 && result.identifiers[0] !== undefined;
  }

  /** Households whose records carry this phone number (a reply names a phone, not a household). */
  async findHouseholdIdsByPhone(phone: string): Promise<string[]> {
    const rows: Array<{ household_id: string }> = await this.dataSource.query(
      `SELECT DISTINCT household_id FROM partner_record WHERE phone = $1 AND household_id IS NOT NULL`,
      [phone],
    );
    return rows.map((r) => r.household_id);
  }

  findHousehold(id: string): Promise<Household | null> {
    return this.dataSource.getRepository(Household).findOne({ where: { id } });
  }
}
