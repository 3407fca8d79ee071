import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Household } from './entities/household.entity';
import type { HouseholdOptOut } from './entities/household-opt-out.entity';
import { contactIndexes, PartnerRecord } from './entities/partner-record.entity';

export interface ContactCorrection {
  phone?: string | null;
  email?: string | null;
  address?: { street: string; extra?: string | null; postalCode: string; city: string };
}

/**
 * The household's rights, written where households keep their data: correcting contact data on
 * the partners' records, and objecting to a channel (for every partner at once).
 */
@Injectable()
export class HouseholdCorrections {
  constructor(private readonly dataSource: DataSource) {}

  /** Corrects the records of a household (only this partner's when `partnerId` is given); returns them as corrected. */
  async correctContacts(householdId: string, partnerId: string | null, correction: ContactCorrection): Promise<PartnerRecord[]> {
    const changes: Partial<PartnerRecord> = {};
    if (correction.phone !== undefined) changes.phone = correction.phone;
    if (correction.email !== undefined) changes.email = correction.email;
    Object.assign(changes, contactIndexes(correction));
    if (correction.address) {
      Object.assign(changes, {
        street: correction.address.street,
        addressExtra: correction.address.extra ?? null,
        postalCode: correction.address.postalCode,
        city: correction.address.city,
      });
    }
    const repo = this.dataSource.getRepository(PartnerRecord);
    const where = partnerId ? { householdId, partnerId } : { householdId };
    if (Object.keys(changes).length) await repo.update(where, changes);
    return repo.find({ where });
  }

  /**
   * The household's own choices of language and channel (from its response page): later messages
   * are worded in that language. Returns whether anything changed.
   */
  async recordContactPreferences(householdId: string, preferences: { locale?: string; channel?: string }): Promise<boolean> {
    const changes: Partial<Household> = {};
    if (preferences.locale !== undefined) changes.preferredLocale = preferences.locale;
    if (preferences.channel !== undefined) changes.preferredChannel = preferences.channel;
    if (!Object.keys(changes).length) return false;
    const result = await this.dataSource.getRepository(Household).update({ id: householdId }, changes);
    return (result.affected ?? 0) > 0;
  }

  async recordOptOut(householdId: string, channel: HouseholdOptOut['channel'], source: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO household_opt_out (household_id, channel, source) VALUES ($1, $2, $3) ON CONFLICT (household_id, channel) DO NOTHING RETURNING id`,
      [householdId, channel, source],
    );
    return rows.length > 0;
  }
}
