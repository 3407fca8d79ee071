/**
 * Routing a task to the competent team by the playbook's rules (TaskRouter's workflow filters):
 * the first rule the household meets that has a team of one of its kinds on the territory, for
 * the channel, wins. Pure.
 */
import type { TaskRoutingRule } from '@unisson/coordination';
import type { HousingSector, ProcedureStage } from '@unisson/vocabulary';
import type { TaskChannel } from './task-channel';

/** What the rules may look at: identifiers and facts, no personal data. */
export interface RoutingFacts {
  channel: TaskChannel;
  territory: string;
  stage: ProcedureStage | null;
  purpose: string;
  housingSector: HousingSector | null;
  /** Null: nobody told Unisson. */
  housingBenefit: boolean | null;
  dependentChildren: boolean | null;
}

/** "Has dependent children" from the number a partner stated; null when nobody said. */
export function dependentChildrenFact(count: number | null | undefined): boolean | null {
  return count === null || count === undefined ? null : count > 0;
}

export interface RoutableTeam {
  id: string;
  partnerKind: string;
  territories: readonly string[];
  channels: readonly TaskChannel[];
}

export interface RoutingDecision {
  teamId: string;
  ruleId: string;
  /** French sentence for the worklist and the plan's readers. */
  reason: string;
}

function knownEquals<T>(wanted: T | undefined, fact: T | null): boolean {
  return wanted === undefined || (fact !== null && fact === wanted);
}

export function ruleMatches(rule: TaskRoutingRule, facts: RoutingFacts): boolean {
  const when = rule.when;
  return (
    (!when.channels || when.channels.includes(facts.channel)) &&
    (!when.stages || (facts.stage !== null && when.stages.includes(facts.stage))) &&
    (!when.purposes || when.purposes.includes(facts.purpose)) &&
    knownEquals(when.housingSector, facts.housingSector) &&
    knownEquals(when.housingBenefit, facts.housingBenefit) &&
    knownEquals(when.dependentChildren, facts.dependentChildren)
  );
}

/** The team that takes the task, or null when no rule finds a team on the territory. */
export function routeTask(facts: RoutingFacts, rules: readonly TaskRoutingRule[], teams: readonly RoutableTeam[]): RoutingDecision | null {
  const candidates = teams
    .filter((t) => t.territories.includes(facts.territory) && t.channels.includes(facts.channel))
    .sort((a, b) => a.id.localeCompare(b.id));
  for (const rule of rules) {
    if (!ruleMatches(rule, facts)) continue;
    for (const kind of rule.teamKinds) {
      const team = candidates.find((t) => t.partnerKind === kind);
      if (team) return { teamId: team.id, ruleId: rule.id, reason: `Règle « ${rule.label} »` };
    }
  }
  return null;
}
