import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CampaignStatus } from './domain/campaign';
import { Campaign } from './entities/campaign.entity';

@Injectable()
export class CampaignsRepository {
  constructor(private readonly dataSource: DataSource) {}

  insert(
    campaign: Pick<Campaign, 'partnerId' | 'name' | 'purpose' | 'territory' | 'target' | 'scheduledAt' | 'createdBy'>,
  ): Promise<Campaign> {
    const repo = this.dataSource.getRepository(Campaign);
    return repo.save(repo.create({ ...campaign, status: 'draft' }));
  }

  find(id: string): Promise<Campaign | null> {
    return this.dataSource.getRepository(Campaign).findOne({ where: { id } });
  }

  list(partnerId: string | null, limit = 100): Promise<Campaign[]> {
    return this.dataSource
      .getRepository(Campaign)
      .find({ where: partnerId ? { partnerId } : {}, order: { createdAt: 'DESC' }, take: limit });
  }

  /** Moves the campaign from `from` (compare-and-set: two clicks or two people cannot both win). */
  async move(id: string, from: CampaignStatus, changes: Partial<Campaign> & { status: CampaignStatus }): Promise<boolean> {
    const result = await this.dataSource.getRepository(Campaign).update({ id, status: from }, changes);
    return (result.affected ?? 0) === 1;
  }

  async advanceCursor(id: string, cursor: string, produced: number): Promise<boolean> {
    const result: [unknown[], number] = await this.dataSource.query(
      `UPDATE campaign SET cursor_household_id = $2, intents_produced = intents_produced + $3, updated_at = now() WHERE id = $1 AND status = 'running'`,
      [id, cursor, produced],
    );
    return result[1] === 1;
  }

  /** Campaigns whose run should be going on (Redis lost the job, or the worker died). */
  async findDue(): Promise<Campaign[]> {
    return this.dataSource
      .getRepository(Campaign)
      .createQueryBuilder('c')
      .where(`c.status = 'running' OR (c.status = 'scheduled' AND (c.scheduled_at IS NULL OR c.scheduled_at <= now()))`)
      .getMany();
  }
}
