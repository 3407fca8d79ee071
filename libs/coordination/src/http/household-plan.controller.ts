import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { Authorize, CurrentPrincipal, Principal } from '@unisson/access';
import { Audited } from '@unisson/audit';
import { CoordinationService } from '../coordination.service';
import { PlanRead } from './plan.openapi';

@ApiTags('coordination')
@ApiSecurity('api-key')
@Controller('v1/households')
export class HouseholdPlanController {
  constructor(private readonly coordination: CoordinationService) {}

  @Get(':id/plan')
  @Authorize('household.plan.read')
  @Audited({ action: 'household.plan.read', subjectType: 'household', subjectId: 'id', householdId: 'id' })
  @ApiOperation({ summary: 'Le plan de contacts d’un foyer et ses raisons (partenaires qui y figurent, ou qui coordonnent le territoire)' })
  @PlanRead()
  getPlan(@CurrentPrincipal() actor: Principal, @Param('id', new ParseUUIDPipe()) householdId: string) {
    return this.coordination.planFor(householdId, actor);
  }
}
