import { Injectable } from '@nestjs/common';
import type { PartnerDirectorySource, PrivateLandlordAddress } from '@unisson/coordination';
import { DataSource } from 'typeorm';
import { Partner } from './entities/partner.entity';
import { PartnerPostalAddress } from './entities/partner-postal-address.entity';

/** Partners' public reader for the coordination engine and messaging: who works on a territory, where a private landlord gets its letters. */
@Injectable()
export class PartnerDirectoryReader implements PartnerDirectorySource {
  constructor(private readonly dataSource: DataSource) {}

  async partnersFor(territory: string, alsoIds: readonly string[] = []) {
    const rows: Array<{ id: string; name: string; kind: string }> = await this.dataSource.query(
      `SELECT id, name, kind FROM partner WHERE territory = $1 OR $1 = ANY(territories) OR id = ANY($2::uuid[]) ORDER BY created_at, id`,
      [territory, [...new Set(alsoIds)]],
    );
    return rows as Awaited<ReturnType<PartnerDirectorySource['partnersFor']>>;
  }

  /**
   * The address block a letter to this private landlord goes to (opened from its sealed column);
   * null when the partner is not an active `bailleur_prive` or no address was given for it.
   */
  async privateLandlordAddress(partnerId: string): Promise<PrivateLandlordAddress | null> {
    const partner = await this.dataSource.getRepository(Partner).findOne({ where: { id: partnerId } });
    if (!partner || partner.kind !== 'bailleur_prive' || partner.disabledAt) return null;
    const stored = await this.dataSource.getRepository(PartnerPostalAddress).findOne({ where: { partnerId } });
    if (!stored || stored.address.lines.length === 0) return null;
    return { partnerId, partnerName: partner.name, lines: [...stored.address.lines] };
  }
}
