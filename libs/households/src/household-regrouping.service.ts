import { Injectable, Logger } from '@nestjs/common';
import { CoordinationService } from '@unisson/coordination';
import { LinkageService } from '@unisson/linkage';
import { planRegrouping } from './domain/household-regrouping';
import { HouseholdsRepository } from './households.repository';

export interface RegroupingSummary {
  territory: string;
  records: number;
  moved: number;
  merged: number;
  created: number;
  replanned: number;
}

/**
 * Household matching decides which records are one household; this keeps Unisson's households,
 * procedures, opt-outs and contact plans in step with it.
 */
@Injectable()
export class HouseholdRegroupingService {
  private readonly logger = new Logger('HouseholdRegrouping');

  constructor(
    private readonly linkage: LinkageService,
    private readonly households: HouseholdsRepository,
    private readonly coordination: CoordinationService,
  ) {}

  async regroup(territory: string, reestimate: boolean): Promise<RegroupingSummary> {
    if (reestimate) await this.linkage.relinkTerritory(territory);
    const groups = await this.linkage.householdKeys(territory);
    const placements = await this.households.findPlacements(territory, groups);
    const plan = planRegrouping(placements);
    const created = await this.households.applyRegrouping(plan);
    const merged = new Set(plan.mergedHouseholds.map((m) => m.householdId));
    for (const m of plan.mergedHouseholds) await this.coordination.mergeHouseholds(m.householdId, m.into);
    const replan = [...plan.touchedHouseholds.filter((h) => !merged.has(h)), ...created.values()];
    for (const householdId of replan) await this.coordination.replan(householdId);
    const summary = {
      territory,
      records: placements.length,
      moved: plan.recordMoves.length,
      merged: merged.size,
      created: created.size,
      replanned: replan.length + merged.size,
    };
    this.logger.log(summary, 'households regrouped');
    return summary;
  }
}
