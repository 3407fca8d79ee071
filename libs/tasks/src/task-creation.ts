import { Injectable, Logger } from '@nestjs/common';
import { ChannelError, OutboundDelivery } from '@unisson/channels';
import { CoordinationRepository, Playbook, PlaybookCatalog } from '@unisson/coordination';
import { HouseholdFacts, HouseholdsRepository } from '@unisson/households';
import { PartnersRepository } from '@unisson/partners';
import { attemptPermission, AttemptRules } from './domain/attempts';
import { dueWindow } from './domain/due-window';
import { dependentChildrenFact, RoutingDecision, RoutingFacts, routeTask } from './domain/routing';
import { TaskChannel } from './domain/task-channel';
import { TaskRow, TasksRepository } from './tasks.repository';

const DAY_MS = 86_400_000;

/** The attempts caps of a playbook for a channel: its contact caps (4 calls in 30 days, a 60-day pause after a refusal). */
export function attemptRulesOf(playbook: ReturnType<PlaybookCatalog['forTerritory']>, channel: TaskChannel): AttemptRules {
  return {
    maxAttempts: playbook.caps.perChannel[channel] ?? 4,
    windowDays: playbook.caps.rollingWindowDays,
    pauseAfterRefusalDays: playbook.caps.pauseAfterRefusalDays,
  };
}

/**
 * Sending a call or a visit: creating its task, once per message (the message's idempotency key),
 * routed to the competent team by the playbook, due in the playbook's hours in the household's
 * time zone, and not before the attempts caps allow.
 */
@Injectable()
export class TaskCreation {
  private readonly logger = new Logger('TaskCreation');

  constructor(
    private readonly tasks: TasksRepository,
    private readonly households: HouseholdsRepository,
    private readonly partners: PartnersRepository,
    private readonly contacts: CoordinationRepository,
    private readonly playbooks: PlaybookCatalog,
  ) {}

  async createFor(delivery: OutboundDelivery & { channel: TaskChannel }, now = new Date()): Promise<TaskRow> {
    const existing = await this.tasks.findByMessageKey(delivery.idempotencyKey);
    if (existing) return existing;
    const facts = await this.households.findFacts(delivery.householdId);
    if (!facts) throw new ChannelError(delivery.channel, 'NO_HOUSEHOLD', false, 'the household of this task no longer exists');
    const territory = facts.household.territory;
    const playbook = this.playbooks.forTerritory(territory, now.toISOString().slice(0, 10));
    const contact = delivery.plannedContactKey ? await this.contacts.findHandedOffContact(delivery.plannedContactKey) : null;
    const decision = await this.route(facts, delivery.channel, delivery.purpose, playbook);
    if (!decision) {
      // No team can work it here: the message fails and the plan moves to its next channel.
      throw new ChannelError(delivery.channel, 'NO_TEAM', false, `no team works ${delivery.channel} tasks on territory ${territory}`);
    }
    const hours = playbook.contactHours[delivery.channel];
    let notBefore = now.getTime();
    const rules = attemptRulesOf(playbook, delivery.channel);
    const since = new Date(now.getTime() - Math.max(rules.windowDays, rules.pauseAfterRefusalDays) * DAY_MS);
    const past = await this.tasks.pastAttempts(delivery.householdId, delivery.channel, since);
    const permission = attemptPermission(past, rules, notBefore);
    if (!permission.allowed) notBefore = permission.until;
    if (hours) notBefore = dueWindow(notBefore, hours, playbook.timeZone, territory).from ?? notBefore;
    const { task, created } = await this.tasks.insertOnce({
      messageIdempotencyKey: delivery.idempotencyKey,
      messageId: delivery.messageId,
      plannedContactKey: delivery.plannedContactKey,
      householdId: delivery.householdId,
      teamId: decision.teamId,
      channel: delivery.channel,
      purpose: delivery.purpose,
      stage: contact?.stage ?? facts.procedure?.stage ?? null,
      territory,
      timeZone: playbook.timeZone,
      locale: delivery.locale,
      recipient: delivery.recipient,
      script: delivery.body,
      templateKey: delivery.templateKey,
      templateVersion: delivery.templateVersion,
      leadPartnerId: delivery.signingPartnerIds[0] ?? null,
      onlyIfNoResponse: contact?.onlyIfNoResponse ?? false,
      routingRule: decision.ruleId,
      routingReason: decision.reason,
      notBefore: new Date(notBefore),
      deadline: contact?.window.notAfter ? new Date(contact.window.notAfter) : null,
    });
    if (created) this.logger.log({ taskId: task.id, channel: task.channel, rule: decision.ruleId }, 'task created');
    return task;
  }

  /** The competent team for a task of the household, by the playbook's routing rules; null when no team works it there. */
  async route(facts: HouseholdFacts, channel: TaskChannel, purpose: string, playbook: Playbook): Promise<RoutingDecision | null> {
    const territory = facts.household.territory;
    const routing: RoutingFacts = {
      channel,
      territory,
      stage: facts.procedure?.stage ?? null,
      purpose,
      housingSector: facts.procedure?.housingSector ?? null,
      housingBenefit: facts.records.some((r) => !!r.cafNumber) ? true : null,
      // As a partner stated it at intake (unknown: rules on children do not match, decision 0023).
      dependentChildren: dependentChildrenFact(facts.household.dependentChildren),
    };
    const teams = await this.tasks.findTeamsOfTerritory(territory);
    const kinds = new Map((await this.partners.findPartnersByIds([...new Set(teams.map((t) => t.partnerId))])).map((p) => [p.id, p.kind]));
    return routeTask(
      routing,
      playbook.taskRouting.rules,
      teams.filter((t) => kinds.has(t.partnerId)).map((t) => ({ ...t, partnerKind: kinds.get(t.partnerId)! })),
    );
  }
}
