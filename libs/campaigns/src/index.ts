export { CampaignsHttpModule, CampaignsJobsModule } from './campaigns.module';
export * from './domain/campaign';
export { campaignsEntities, campaignsMigrations } from './schema';
