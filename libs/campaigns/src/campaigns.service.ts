import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { AccessPolicy, identityOf, Principal } from '@unisson/access';
import { AuditTrail } from '@unisson/audit';
import { APP_CONFIG, AppConfig } from '@unisson/config';
import { COORDINATION_CLOCK, CoordinationService, ExecutorClock, IntentOutcomesReader, PlaybookCatalog } from '@unisson/coordination';
import { isProcedureStage } from '@unisson/vocabulary';
import { AudienceFilter, HouseholdAudienceReader } from '@unisson/households';
import { PartnersRepository } from '@unisson/partners';
import { UnissonError } from '@unisson/platform';
import { jobSpec, QUEUES } from '@unisson/queues';
import { CampaignsRepository } from './campaigns.repository';
import { CampaignCommand, campaignIntentKey, CampaignTarget, shownCount, suppressedBreakdown, transition } from './domain/campaign';
import { CampaignChangesInput, CampaignTargetInput, NewCampaignInput } from './dto/campaign.schemas';
import { Campaign } from './entities/campaign.entity';

const RUN_BATCH = 200;
const cents = (euros: number | undefined) => (euros === undefined ? undefined : Math.round(euros * 100));

export function targetOf(input: CampaignTargetInput): CampaignTarget {
  return {
    stage: input.stage,
    territory: input.territory,
    ...(input.debtMin !== undefined ? { debtMinCents: cents(input.debtMin) } : {}),
    ...(input.debtMax !== undefined ? { debtMaxCents: cents(input.debtMax) } : {}),
    ...(input.housingSector ? { housingSector: input.housingSector } : {}),
    ...(input.benefitRecipient !== undefined ? { benefitRecipient: input.benefitRecipient } : {}),
    ...(input.postalCodes?.length ? { postalCodes: input.postalCodes } : {}),
  };
}

/**
 * Campaigns: prepared by an agent of the CAF, the State or the Département, approved by another
 * person of the same organisation, launched (now or at a date), paused, cancelled. A running
 * campaign posts one intent per household of its audience to the coordination engine, which merges
 * it with every other partner's like any intent.
 */
@Injectable()
export class CampaignsService {
  private readonly logger = new Logger('Campaigns');

  constructor(
    private readonly campaigns: CampaignsRepository,
    private readonly audience: HouseholdAudienceReader,
    private readonly coordination: CoordinationService,
    private readonly outcomes: IntentOutcomesReader,
    private readonly playbooks: PlaybookCatalog,
    private readonly partners: PartnersRepository,
    private readonly policy: AccessPolicy,
    private readonly audit: AuditTrail,
    @Inject(COORDINATION_CLOCK) private readonly clock: ExecutorClock,
    @InjectQueue(QUEUES.campaigns) private readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(actor: Principal, input: NewCampaignInput): Promise<Campaign> {
    this.policy.assert(actor, 'campaign.create', { territory: input.target.territory });
    this.checkPurpose(input.target.territory, input.target.stage, input.purpose);
    const campaign = await this.campaigns.insert({
      partnerId: actor.partnerId!,
      name: input.name,
      purpose: input.purpose,
      territory: input.target.territory,
      target: targetOf(input.target),
      scheduledAt: input.scheduledAt ? new Date(input.scheduledAt) : null,
      createdBy: identityOf(actor),
    });
    await this.trail(actor, 'campaign.create', campaign.id);
    return campaign;
  }

  async update(actor: Principal, id: string, changes: CampaignChangesInput): Promise<Campaign> {
    const campaign = await this.visible(actor, id, 'campaign.change');
    const moved = transition(campaign.status, 'edit');
    if (!moved.ok) throw UnissonError.conflict('CAMPAIGN_NOT_EDITABLE', moved.message);
    const target = changes.target ? targetOf(changes.target) : campaign.target;
    if (changes.target) this.policy.assert(actor, 'campaign.create', { territory: target.territory });
    this.checkPurpose(target.territory, target.stage, changes.purpose ?? campaign.purpose);
    // Any change sends the campaign back to draft: what was approved is not what will run.
    const ok = await this.campaigns.move(id, campaign.status, {
      status: moved.to,
      name: changes.name ?? campaign.name,
      purpose: changes.purpose ?? campaign.purpose,
      target,
      territory: target.territory,
      scheduledAt: changes.scheduledAt !== undefined ? (changes.scheduledAt ? new Date(changes.scheduledAt) : null) : campaign.scheduledAt,
      approvedBy: null,
      approvedAt: null,
    });
    if (!ok) throw UnissonError.conflict('CAMPAIGN_CHANGED', 'La campagne vient de changer : rechargez-la.');
    await this.trail(actor, 'campaign.edit', id);
    return (await this.campaigns.find(id))!;
  }

  async command(actor: Principal, id: string, command: Exclude<CampaignCommand, 'edit' | 'start' | 'complete'>): Promise<Campaign> {
    const action = command === 'approve' ? 'campaign.approve' : command === 'cancel' ? 'campaign.cancel' : 'campaign.change';
    const campaign = await this.visible(actor, id, action);
    const moved = transition(campaign.status, command);
    if (!moved.ok) throw UnissonError.conflict('CAMPAIGN_TRANSITION_REFUSED', moved.message);
    const now = new Date(this.clock.now());
    const changes: Partial<Campaign> & { status: Campaign['status'] } = { status: moved.to };
    if (command === 'approve') Object.assign(changes, { approvedBy: identityOf(actor), approvedAt: now });
    if (command === 'reject') Object.assign(changes, { approvedBy: null, approvedAt: null });
    if (command === 'launch') changes.launchedAt = now;
    if (command === 'cancel') changes.finishedAt = now;
    if (!(await this.campaigns.move(id, campaign.status, changes))) {
      throw UnissonError.conflict('CAMPAIGN_CHANGED', 'La campagne vient de changer (une autre personne ?) : rechargez-la.');
    }
    await this.trail(actor, `campaign.${command}`, id);
    const updated = (await this.campaigns.find(id))!;
    if (command === 'launch') await this.enqueue(updated);
    return updated;
  }

  async enqueue(campaign: Campaign): Promise<void> {
    const job = jobSpec('campaign.run', { campaignId: campaign.id, runAt: (campaign.launchedAt ?? new Date()).toISOString() });
    const delay = campaign.scheduledAt ? Math.max(0, campaign.scheduledAt.getTime() - this.clock.now()) : 0;
    await this.queue.add(job.name, job.data, { ...job.opts, delay });
  }

  /** Counts of the audience (small ones hidden): what the preview and the campaign page show. */
  /** The audience of a target the principal may aim at (its own territories): a 404 for another territory. */
  async previewFor(actor: Principal, target: CampaignTarget) {
    this.policy.assert(actor, 'campaign.create', { territory: target.territory });
    return this.preview(target);
  }

  /** Counts rounded to 5 and small ones hidden (decision 0035): the same target always gives the same figures. */
  async preview(target: CampaignTarget) {
    const groups = await this.audience.breakdown(this.filterOf(target));
    const total = groups.reduce((sum, g) => sum + g.count, 0);
    const scope = `campaign-audience|${JSON.stringify(Object.entries(target).sort(([a], [b]) => a.localeCompare(b)))}`;
    const secret = this.config.security.appSecret;
    return {
      households: shownCount(total, `${scope}|total`, secret),
      byGroup: suppressedBreakdown(
        groups.map((g) => ({
          key: `${g.housingSector === 'social' ? 'parc social' : 'parc privé'} — dette ${g.debtBand}`,
          count: g.count,
        })),
        scope,
        secret,
      ),
    };
  }

  async results(campaign: Campaign) {
    const found = await this.outcomes.outcomes(`campaign:${campaign.id}:`, campaign.launchedAt);
    const byStatus = found.contactsByStatus;
    const planned = Object.values(byStatus).reduce((a, b) => a + b, 0) - (byStatus.cancelled ?? 0);
    const shown = (n: number, what: string) => shownCount(n, `campaign-results|${campaign.id}|${what}`, this.config.security.appSecret);
    return {
      intentsProduced: campaign.intentsProduced,
      households: shown(found.households, 'households'),
      contactsPlanned: shown(planned, 'planned'),
      contactsHandedOff: shown(byStatus.handedOff ?? 0, 'handedOff'),
      householdsResponded: shown(found.householdsResponded, 'responded'),
      byChannel: Object.fromEntries(
        Object.entries(found.contactsByChannel).map(([channel, n]) => [channel, shown(n, `channel:${channel}`)]),
      ),
    };
  }

  /** The run (worker): a batch of households after the cursor, until the audience is done or the campaign paused. */
  async run(campaignId: string): Promise<void> {
    let campaign = await this.campaigns.find(campaignId);
    if (!campaign) return;
    if (campaign.status === 'scheduled') {
      if (campaign.scheduledAt && campaign.scheduledAt.getTime() > this.clock.now() + 1000) return this.enqueue(campaign);
      await this.campaigns.move(campaignId, 'scheduled', { status: 'running' });
      campaign = (await this.campaigns.find(campaignId))!;
    }
    if (campaign.status !== 'running') return;
    const stage = isProcedureStage(campaign.target.stage) ? campaign.target.stage : null;
    const playbook = this.playbooks.forTerritory(campaign.territory, new Date(this.clock.now()).toISOString().slice(0, 10));
    const purpose = playbook.purposes.find((p) => p.id === campaign!.purpose);
    const [partner] = await this.partners.findPartnersByIds([campaign.partnerId]);
    if (!stage || !purpose || !partner) {
      await this.campaigns.move(campaignId, 'running', { status: 'paused' });
      this.logger.warn({ campaignId }, 'campaign paused: its purpose is no longer in the playbook');
      return;
    }
    let cursor = campaign.cursorHouseholdId;
    for (;;) {
      const households = await this.audience.page(this.filterOf(campaign.target), cursor, RUN_BATCH);
      if (!households.length) break;
      for (const householdId of households) {
        await this.coordination.postIntents(householdId, [
          {
            idempotencyKey: campaignIntentKey(campaign.id, householdId),
            partnerId: partner.id,
            partnerKind: partner.kind,
            stage,
            purpose: purpose.id,
            legal: purpose.legal,
            deadlineOn: null,
            callbackPhone: partner.publicPhone,
          },
        ]);
      }
      cursor = households[households.length - 1];
      // Paused or cancelled meanwhile: stop here; a relaunch resumes after the cursor.
      if (!(await this.campaigns.advanceCursor(campaign.id, cursor, households.length))) return;
    }
    await this.campaigns.move(campaignId, 'running', { status: 'completed', finishedAt: new Date(this.clock.now()) });
    await this.audit.record({
      actor: null,
      action: 'campaign.complete',
      subjectType: 'campaign',
      subjectId: campaignId,
      outcome: 'success',
    });
  }

  /** The campaign if the principal may do `action` on it; a 404 otherwise (whether or not it exists). */
  async visible(
    actor: Principal,
    id: string,
    action: 'campaign.read' | 'campaign.change' | 'campaign.approve' | 'campaign.cancel',
  ): Promise<Campaign> {
    const campaign = await this.campaigns.find(id);
    this.policy.assertFound(actor, action, campaign, (c) => ({
      ownerPartnerId: c.partnerId,
      createdBy: c.createdBy,
      territory: c.territory,
    }));
    return campaign;
  }

  private filterOf(target: CampaignTarget): AudienceFilter {
    return { ...target };
  }

  private checkPurpose(territory: string, procedureStage: string, purposeId: string): void {
    const stage = procedureStage;
    let purposes: string[] = [];
    try {
      purposes = this.playbooks
        .forTerritory(territory, new Date(this.clock.now()).toISOString().slice(0, 10))
        .purposes.filter((p) => p.stage === stage)
        .map((p) => p.id);
    } catch {
      throw UnissonError.validation([{ field: 'target.territory', message: `aucun playbook pour le territoire ${territory}` }]);
    }
    if (!purposes.includes(purposeId)) {
      throw UnissonError.validation([
        { field: 'purpose', message: `n’est pas un objet du playbook à cette étape (possibles : ${purposes.join(', ')})` },
      ]);
    }
  }

  private trail(actor: Principal, action: string, id: string): Promise<void> {
    return this.audit.record({ actor, action, subjectType: 'campaign', subjectId: id, outcome: 'success' });
  }
}
