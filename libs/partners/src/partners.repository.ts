import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { PartnerApiKey } from './entities/partner-api-key.entity';
import { Partner } from './entities/partner.entity';
import { PartnerPostalAddress, PartnerPostalAddressValue } from './entities/partner-postal-address.entity';

export interface ActiveKeyRow {
  keyId: string;
  secretHash: string;
  scopes: PartnerApiKey['scopes'];
  partnerId: string;
  partnerKind: string;
  territory: string;
  territories: string[];
}

/** An API key as the admin sees it: never its secret or its hash. */
export interface KeyView {
  id: string;
  partnerId: string;
  prefix: string;
  label: string;
  scopes: string[];
  createdAt: Date;
  revokedAt: Date | null;
  expiresAt: Date | null;
  replacedByKeyId: string | null;
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
        'p.territories AS "territories"',
      ])
      .where('k.prefix = :prefix AND k.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > now()) AND p.disabled_at IS NULL', {
        prefix,
      })
      .getRawOne<ActiveKeyRow>();
    return row ?? null;
  }

  async findPartnerBySlug(slug: string): Promise<Partner | null> {
    return this.dataSource.getRepository(Partner).findOne({ where: { slug } });
  }

  async insertPartner(partner: Pick<Partner, 'slug' | 'name' | 'kind' | 'territory' | 'territories' | 'publicPhone'>): Promise<Partner> {
    const repo = this.dataSource.getRepository(Partner);
    return repo.save(repo.create(partner));
  }

  async insertApiKey(key: Pick<PartnerApiKey, 'partnerId' | 'prefix' | 'secretHash' | 'scopes' | 'label'>): Promise<string> {
    const result = await this.dataSource.getRepository(PartnerApiKey).insert(key);
    return (result.identifiers[0] as { id: string }).id;
  }

  async findKey(id: string): Promise<KeyView | null> {
    const key = await this.dataSource.getRepository(PartnerApiKey).findOne({ where: { id } });
    return key ? toKeyView(key) : null;
  }

  async findKeysOfPartner(partnerId: string): Promise<KeyView[]> {
    const keys = await this.dataSource.getRepository(PartnerApiKey).find({ where: { partnerId }, order: { createdAt: 'DESC' } });
    return keys.map(toKeyView);
  }

  /** Ends the old key at `expiresAt` (the overlap) and records its replacement. */
  async markKeyRotated(id: string, replacedByKeyId: string, expiresAt: Date): Promise<void> {
    await this.dataSource.getRepository(PartnerApiKey).update({ id }, { replacedByKeyId, expiresAt });
  }

  async revokeKey(id: string): Promise<boolean> {
    const result = await this.dataSource
      .getRepository(PartnerApiKey)
      .createQueryBuilder()
      .update()
      .set({ revokedAt: () => 'now()' })
      .where('id = :id AND revoked_at IS NULL', { id })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  findPartner(id: string): Promise<Partner | null> {
    return this.dataSource.getRepository(Partner).findOne({ where: { id } });
  }

  listPartners(): Promise<Partner[]> {
    return this.dataSource.getRepository(Partner).find({ order: { territory: 'ASC', name: 'ASC' } });
  }

  async updatePartner(
    id: string,
    changes: Partial<Pick<Partner, 'name' | 'territory' | 'territories' | 'publicPhone' | 'disabledAt'>>,
  ): Promise<void> {
    await this.dataSource.getRepository(Partner).update({ id }, changes);
  }

  /** `manager`: the caller's transaction, when it holds one (no second connection taken from the pool). */
  async findPartnersByIds(ids: string[], manager: EntityManager = this.dataSource.manager): Promise<Partner[]> {
    if (!ids.length) return [];
    return manager.getRepository(Partner).createQueryBuilder('p').where('p.id IN (:...ids)', { ids }).getMany();
  }

  /** Partners of one territory (for the intents a stage event creates, and the ADIL's number). */
  findPartnersOfTerritory(territory: string, manager: EntityManager = this.dataSource.manager): Promise<Partner[]> {
    return manager
      .getRepository(Partner)
      .createQueryBuilder('p')
      .where('(p.territory = :territory OR :territory = ANY(p.territories)) AND p.disabled_at IS NULL', { territory })
      .orderBy('p.created_at', 'ASC')
      .getMany();
  }

  /** A partner's postal address (a private landlord's), or null when none was given. */
  async findPostalAddress(partnerId: string): Promise<PartnerPostalAddress | null> {
    return this.dataSource.getRepository(PartnerPostalAddress).findOne({ where: { partnerId } });
  }

  /** Forgets a partner's postal address: true when there was one. */
  async deletePostalAddress(partnerId: string): Promise<boolean> {
    const result = await this.dataSource.getRepository(PartnerPostalAddress).delete({ partnerId });
    return (result.affected ?? 0) > 0;
  }

  /** Sets (or replaces) a partner's postal address. */
  async savePostalAddress(partnerId: string, address: PartnerPostalAddressValue): Promise<PartnerPostalAddress> {
    await this.dataSource.getRepository(PartnerPostalAddress).upsert({ partnerId, address, updatedAt: new Date() }, ['partnerId']);
    return (await this.findPostalAddress(partnerId))!;
  }
}

function toKeyView(key: PartnerApiKey): KeyView {
  return {
    id: key.id,
    partnerId: key.partnerId,
    prefix: key.prefix,
    label: key.label,
    scopes: key.scopes,
    createdAt: key.createdAt,
    revokedAt: key.revokedAt,
    expiresAt: key.expiresAt,
    replacedByKeyId: key.replacedByKeyId,
  };
}
