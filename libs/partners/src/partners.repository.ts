import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PartnerApiKey } from './entities/partner-api-key.entity';
import { Partner } from './entities/partner.entity';

export interface ActiveKeyRow {
  keyId: string;
  secretHash: string;
  scopes: PartnerApiKey['scopes'];
  partnerId: string;
  partnerKind: string;
  territory: string;
}

@Injectable()
export class PartnersRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findActiveKeyByPrefix(prefix: string): Promise<ActiveKeyRow | null> {
    const row = await this.dataSource
      .getRepository(PartnerApiKey)
      .createQueryBuilder('k')
      .innerJoin(Partner, 'p', 'p.id = k.partner_id')
      .select([
        'k.id AS "keyId"',
        'k.secret_hash AS "secretHash"',
        'k.scopes AS "scopes"',
        'p.id AS "partnerId"',
        'p.kind AS "partnerKind"',
        'p.territory AS "territory"',
      ])
      .where('k.prefix = :prefix AND k.revoked_at IS NULL', { prefix })
      .getRawOne<ActiveKeyRow>();
    return row ?? null;
  }

  async findPartnerBySlug(slug: string): Promise<Partner | null> {
    return this.dataSource.getRepository(Partner).findOne({ where: { slug } });
  }

  async insertPartner(partner: Omit<Partner, 'id' | 'createdAt'>): Promise<Partner> {
    return this.dataSource.getRepository(Partner).save(partner);
  }

  async insertApiKey(key: Omit<PartnerApiKey, 'id' | 'createdAt' | 'revokedAt'>): Promise<void> {
    await this.dataSource.getRepository(PartnerApiKey).insert(key);
  }

  async findPartnersByIds(ids: string[]): Promise<Partner[]> {
    if (!ids.length) return [];
    return this.dataSource.getRepository(Partner).createQueryBuilder('p').where('p.id IN (:...ids)', { ids }).getMany();
  }

  /** Partners of one territory (for the intents a stage event creates, and the ADIL's number). */
  findPartnersOfTerritory(territory: string): Promise<Partner[]> {
    return this.dataSource.getRepository(Partner).find({ where: { territory }, order: { createdAt: 'ASC' } });
  }
}
