import { Module } from '@nestjs/common';
import { HouseholdsModule } from '@unisson/households';
import { CampaignsRepository } from './campaigns.repository';
import { CampaignsService } from './campaigns.service';
import { CampaignsPageController } from './http/campaigns-page.controller';
import { CampaignsController } from './http/campaigns.controller';
import { CampaignRunProcessor } from './jobs/campaign-run.processor';

/** Campaign routes and pages (apps/api; needs `CoordinationModule.forRoot` in the app). */
@Module({
  imports: [HouseholdsModule],
  providers: [CampaignsRepository, CampaignsService],
  controllers: [CampaignsController, CampaignsPageController],
})
export class CampaignsHttpModule {}

/** Campaign runs (apps/worker). */
@Module({ imports: [HouseholdsModule], providers: [CampaignsRepository, CampaignsService, CampaignRunProcessor] })
export class CampaignsJobsModule {}
