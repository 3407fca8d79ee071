/**
 * The playbook of a territory: the national rules, overridden stage by stage by the département's
 * own playbook when it has one. Pure: the catalogue reads the files, this merges them.
 *
 * - purposes: the local playbook's purposes replace the national purposes of the stages they
 *   belong to; stages it does not mention keep the national purposes;
 * - legal delays, anchors and cancelling events: entry by entry (same id, same event);
 * - any other section the local playbook has replaces the national one (contact hours channel by
 *   channel);
 * - the time zone is the territory's (overseas départements have their own) unless the local
 *   playbook names one; public holidays are always the territory's.
 */
import { PROCEDURE_STAGES } from '@unisson/vocabulary';
import { timeZoneOfTerritory } from './calendar';
import { LocalPlaybook, Playbook, parsePlaybook } from './playbook.schema';

function byKey<T>(national: readonly T[], local: readonly T[], key: (item: T) => string): T[] {
  const replaced = new Set(local.map(key));
  return [...national.filter((item) => !replaced.has(key(item))), ...local];
}

export function resolvePlaybook(national: Playbook, local: LocalPlaybook | null, territory: string): Playbook {
  if (!local) {
    return {
      ...national,
      territory,
      name: `Règles nationales (${territory})`,
      timeZone: timeZoneOfTerritory(territory),
    };
  }
  const localStages = new Set(local.purposes.map((p) => p.stage));
  const merged = {
    ...national,
    version: `${national.version}+${territory}.${local.version}`,
    territory,
    name: local.name,
    timeZone: local.timeZone ?? timeZoneOfTerritory(territory),
    validFrom: local.validFrom > national.validFrom ? local.validFrom : national.validFrom,
    validUntil: [national.validUntil, local.validUntil].filter((d): d is string => d !== null).sort()[0] ?? null,
    sources: [...local.sources, ...national.sources],
    contactHours: { ...national.contactHours, ...(local.contactHours ?? {}) },
    caps: local.caps ?? national.caps,
    winterTruce: local.winterTruce ?? national.winterTruce,
    legalDelays: byKey(national.legalDelays, local.legalDelays, (d) => d.id),
    anchors: byKey(national.anchors, local.anchors, (a) => a.id),
    purposes: PROCEDURE_STAGES.flatMap((stage) =>
      (localStages.has(stage) ? local.purposes : national.purposes).filter((p) => p.stage === stage),
    ),
    escalation: local.escalation ?? national.escalation,
    cancellingEvents: byKey(national.cancellingEvents, local.cancellingEvents, (c) => c.event),
    stageEventReporters: { ...national.stageEventReporters, ...(local.stageEventReporters ?? {}) },
    reservedStageEvents: { ...national.reservedStageEvents, ...(local.reservedStageEvents ?? {}) },
    variantSlots: local.variantSlots ?? national.variantSlots,
    spokenMessages: local.spokenMessages ?? national.spokenMessages,
    taskRouting: local.taskRouting
      ? {
          ...national.taskRouting,
          ...local.taskRouting,
          // Local rules first (the département's own teams), then the national ones it does not replace.
          rules: [
            ...(local.taskRouting.rules ?? []),
            ...national.taskRouting.rules.filter((r) => !local.taskRouting?.rules?.some((l) => l.id === r.id)),
          ],
        }
      : national.taskRouting,
  };
  // Validated again as a whole: a local purpose may refer to a national anchor, and must fit it.
  return parsePlaybook(merged, `playbook ${territory} (règles nationales + ${territory})`);
}
