import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** The partners holding a record of a household, with their own reference for it. */
export interface RecordHolder {
  partnerId: string;
  partnerRef: string;
}

/** What the access policy needs to know about a household: where it is and who holds a record of it. */
export interface HouseholdAccessFacts {
  householdId: string;
  territory: string;
  recordHolderPartnerIds: string[];
}

/**
 * Households' public readers for other capabilities (webhooks, campaigns, household rights, the
 * access policy): they ask here rather than reading the households' tables.
 */
@Injectable()
export class HouseholdRecordsReader {
  constructor(private readonly dataSource: DataSource) {}

  async recordHolders(householdIds: readonly string[]): Promise<Map<string, RecordHolder[]>> {
    const holders = new Map<string, RecordHolder[]>();
    if (!householdIds.length) return holders;
    const rows: Array<{ household_id: string; partner_id: string; partner_ref: string }> = await this.dataSource.query(
      `SELECT household_id, partner_id, partner_ref FROM partner_record WHERE household_id = ANY($1::uuid[]) ORDER BY created_at`,
      [householdIds],
    );
    for (const r of rows) {
      const list = holders.get(r.household_id) ?? [];
      if (!list.some((h) => h.partnerId === r.partner_id)) list.push({ partnerId: r.partner_id, partnerRef: r.partner_ref });
      holders.set(r.household_id, list);
    }
    return holders;
  }

  /** The channels the household objected to (for every partner). */
  async optOutChannels(householdId: string): Promise<string[]> {
    const rows: Array<{ channel: string }> = await this.dataSource.query(
      `SELECT channel FROM household_opt_out WHERE household_id = $1 ORDER BY channel`,
      [householdId],
    );
    return rows.map((r) => r.channel);
  }

  /** Null for an unknown (or malformed) id. */
  async accessFacts(householdId: string): Promise<HouseholdAccessFacts | null> {
    if (!/^[0-9a-f-]{36}$/i.test(householdId)) return null;
    const rows: Array<{ territory: string; holders: string[] | null }> = await this.dataSource.query(
      `SELECT h.territory, array_agg(DISTINCT r.partner_id::text) FILTER (WHERE r.partner_id IS NOT NULL) AS holders
         FROM household h LEFT JOIN partner_record r ON r.household_id = h.id
        WHERE h.id = $1 GROUP BY h.territory`,
      [householdId],
    );
    const row = rows[0];
    return row ? { householdId, territory: row.territory, recordHolderPartnerIds: row.holders ?? [] } : null;
  }
}
