import type { MixedList } from 'typeorm';
import { Campaign } from './entities/campaign.entity';
import { Campaigns1795000000400 } from './migrations/1795000000400-campaigns';

export const campaignsEntities: MixedList<Function> = [Campaign];
export const campaignsMigrations: MixedList<Function> = [Campaigns1795000000400];
