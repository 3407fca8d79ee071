import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Who a campaign targets, in households' own terms (see CampaignTarget in @unisson/campaigns). */
export interface AudienceFilter {
  stage: string;
  territory: string;
  debtMinCents?: number;
  debtMaxCents?: number;
  housingSector?: 'social' | 'prive';
  benefitRecipient?: boolean;
  postalCodes?: readonly string[];
}

/**
 * Households with an open procedure matching a campaign's target, for campaigns: counts for the
 * preview (nothing about any one household) and pages of ids for the run.
 */
@Injectable()
export class HouseholdAudienceReader {
  constructor(private readonly dataSource: DataSource) {}

  private where(filter: AudienceFilter, params: unknown[]): string {
    const add = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const clauses = [`h.territory = ${add(filter.territory)}`, `p.stage = ${add(filter.stage)}::procedure_stage`, 'p.closed_at IS NULL'];
    if (filter.debtMinCents !== undefined) clauses.push(`p.debt_cents >= ${add(filter.debtMinCents)}`);
    if (filter.debtMaxCents !== undefined) clauses.push(`p.debt_cents <= ${add(filter.debtMaxCents)}`);
    if (filter.housingSector) clauses.push(`p.housing_sector = ${add(filter.housingSector)}`);
    if (filter.benefitRecipient !== undefined) {
      clauses.push(
        `${filter.benefitRecipient ? '' : 'NOT '}EXISTS (SELECT 1 FROM partner_record r WHERE r.household_id = h.id AND r.caf_number IS NOT NULL)`,
      );
    }
    if (filter.postalCodes?.length) {
      clauses.push(
        `EXISTS (SELECT 1 FROM partner_record r WHERE r.household_id = h.id AND r.postal_code = ANY(${add(filter.postalCodes)}::text[]))`,
      );
    }
    return clauses.join(' AND ');
  }

  /** Households of the audience by housing sector and debt band (counts only). */
  async breakdown(filter: AudienceFilter): Promise<Array<{ housingSector: string; debtBand: string; count: number }>> {
    const params: unknown[] = [];
    const rows: Array<{ housing_sector: string; band: string; count: number }> = await this.dataSource.query(
      `SELECT p.housing_sector, CASE WHEN p.debt_cents < 100000 THEN 'moins de 1 000 €' WHEN p.debt_cents < 300000 THEN '1 000 à 3 000 €'
              WHEN p.debt_cents < 600000 THEN '3 000 à 6 000 €' ELSE '6 000 € et plus' END AS band, count(DISTINCT h.id)::int AS count
         FROM household h JOIN procedure p ON p.household_id = h.id
        WHERE ${this.where(filter, params)}
        GROUP BY 1, 2 ORDER BY 1, 2`,
      params,
    );
    return rows.map((r) => ({ housingSector: r.housing_sector, debtBand: r.band, count: r.count }));
  }

  /** The next households of the audience after `afterId`, in id order (a campaign run's cursor). */
  async page(filter: AudienceFilter, afterId: string | null, limit: number): Promise<string[]> {
    const params: unknown[] = [];
    const where = this.where(filter, params);
    params.push(afterId ?? '00000000-0000-0000-0000-000000000000', limit);
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `SELECT DISTINCT h.id FROM household h JOIN procedure p ON p.household_id = h.id
        WHERE ${where} AND h.id > $${params.length - 1}::uuid ORDER BY h.id LIMIT $${params.length}`,
      params,
    );
    return rows.map((r) => r.id);
  }
}
