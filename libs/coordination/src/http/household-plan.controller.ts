import { Controller, Get, Optional, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { Authorize, CurrentPrincipal, Principal } from '@unisson/access';
import { Audited } from '@unisson/audit';
import { CoordinationService } from '../coordination.service';
import { countPlanContacts, PlanCostEstimator } from '../plan-cost';
import { PlanRead } from './plan.openapi';

@ApiTags('coordination')
@ApiSecurity('api-key')
@Controller('v1/households')
export class HouseholdPlanController {
  constructor(
    private readonly coordination: CoordinationService,
    @Optional() private readonly cost?: PlanCostEstimator,
  ) {}

  @Get(':id/plan')
  @Authorize('household.plan.read')
  @Audited({ action: 'household.plan.read', subjectType: 'household', subjectId: 'id', householdId: 'id' })
  @ApiOperation({ summary: 'Le plan de contacts d’un foyer et ses raisons (partenaires qui y figurent, ou qui coordonnent le territoire)' })
  @PlanRead()
  async getPlan(@CurrentPrincipal() actor: Principal, @Param('id', new ParseUUIDPipe()) householdId: string) {
    const plan = await this.coordination.planFor(householdId, actor);
    // What the plan's contacts (made and to come) cost the partners: the staff load coordination moves onto them.
    return { ...plan, cost: this.cost ? this.cost.estimate(countPlanContacts(plan.contacts)) : null };
  }
}
