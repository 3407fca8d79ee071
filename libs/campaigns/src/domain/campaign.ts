/**
 * Campaigns of the CAF, the State services and the Département, as pure data and rules: the
 * target, the life cycle with its four-eyes approval, and small-count suppression of previews.
 */
import { hiddenInPartition, publishedCount, SMALL_CELL } from '@unisson/analytics';

export const CAMPAIGN_STATUSES = [
  'draft',
  'pending_approval',
  'approved',
  'scheduled',
  'running',
  'paused',
  'completed',
  'cancelled',
] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

export const CAMPAIGN_STATUS_LABELS: Record<CampaignStatus, string> = {
  draft: 'Brouillon',
  pending_approval: 'En attente d’approbation',
  approved: 'Approuvée',
  scheduled: 'Programmée',
  running: 'En cours',
  paused: 'En pause',
  completed: 'Terminée',
  cancelled: 'Annulée',
};

/** Who a campaign is for. Households with an open procedure at `stage` on `territory`, narrowed by the rest. */
export interface CampaignTarget {
  /** Procedure stage (households' names: 'commandement_de_payer', 'assignation'…). */
  stage: string;
  territory: string;
  debtMinCents?: number;
  debtMaxCents?: number;
  housingSector?: 'social' | 'prive';
  /** True: only households a CAF number is known for (benefit recipients); false: only the others. */
  benefitRecipient?: boolean;
  /** Only these postal codes (communes), if given. */
  postalCodes?: string[];
}

export type CampaignCommand = 'edit' | 'submit' | 'approve' | 'reject' | 'launch' | 'start' | 'pause' | 'complete' | 'cancel';

const TRANSITIONS: Record<CampaignCommand, { from: readonly CampaignStatus[]; to: CampaignStatus | null }> = {
  edit: { from: ['draft', 'pending_approval'], to: 'draft' },
  submit: { from: ['draft'], to: 'pending_approval' },
  approve: { from: ['pending_approval'], to: 'approved' },
  reject: { from: ['pending_approval'], to: 'draft' },
  launch: { from: ['approved', 'paused'], to: 'scheduled' },
  start: { from: ['scheduled'], to: 'running' },
  pause: { from: ['scheduled', 'running'], to: 'paused' },
  complete: { from: ['running'], to: 'completed' },
  cancel: { from: ['draft', 'pending_approval', 'approved', 'scheduled', 'running', 'paused'], to: 'cancelled' },
};

const COMMAND_LABELS: Record<CampaignCommand, string> = {
  edit: 'modifier',
  submit: 'soumettre à approbation',
  approve: 'approuver',
  reject: 'renvoyer en brouillon',
  launch: 'lancer',
  start: 'démarrer',
  pause: 'mettre en pause',
  complete: 'terminer',
  cancel: 'annuler',
};

export type Transition = { ok: true; to: CampaignStatus } | { ok: false; message: string };

/** The status after a command, or why the command is not possible now. */
export function transition(status: CampaignStatus, command: CampaignCommand): Transition {
  const rule = TRANSITIONS[command];
  if (!rule.from.includes(status)) {
    return {
      ok: false,
      message: `Impossible ${/^[aeéèêiouh]/i.test(COMMAND_LABELS[command]) ? 'd’' : 'de '}${COMMAND_LABELS[command]} une campagne « ${CAMPAIGN_STATUS_LABELS[status]} » (possible depuis : ${rule.from
        .map((s) => CAMPAIGN_STATUS_LABELS[s])
        .join(', ')}).`,
    };
  }
  return { ok: true, to: rule.to ?? status };
}

/** Commands a person may use now (the page shows these buttons). */
export function availableCommands(status: CampaignStatus): CampaignCommand[] {
  return (Object.keys(TRANSITIONS) as CampaignCommand[]).filter(
    (c) => c !== 'start' && c !== 'complete' && c !== 'edit' && TRANSITIONS[c].from.includes(status),
  );
}

/** Counts under this are never shown: they could single out a household (analytics' one threshold). */
export const SMALL_COUNT_THRESHOLD = SMALL_CELL;

export interface ShownCount {
  /** Null when hidden. */
  count: number | null;
  /** What the page prints: the number (a multiple of 5), or "moins de 10". */
  label: string;
}

/**
 * A count as a campaign page shows it, through analytics' disclosure control (decision 0035):
 * hidden under 10, else rounded to a multiple of 5 keyed by `cell` (the same question, the same answer).
 */
export function shownCount(n: number, cell: string, secret = ''): ShownCount {
  const value = publishedCount(n, cell, secret);
  return value === null ? { count: null, label: `moins de ${SMALL_COUNT_THRESHOLD}` } : { count: value, label: String(value) };
}

/**
 * A breakdown beside its total: small groups hidden, and more until the hidden ones add up to 10
 * households or more (analytics' partition rule); the shown ones rounded like the total, so that
 * the total minus the shown groups does not give the hidden ones.
 */
export function suppressedBreakdown(groups: ReadonlyArray<{ key: string; count: number }>, scope: string, secret = '') {
  const hidden = hiddenInPartition(groups.map((g) => ({ key: g.key, households: g.count })));
  return groups.map((g) =>
    hidden.has(g.key)
      ? { key: g.key, count: null, label: `masqué (petit effectif)` }
      : { key: g.key, ...shownCount(g.count, `${scope}|${g.key}`, secret) },
  );
}

/** Idempotency key of the intent a campaign posts for a household: relaunching never duplicates it. */
export function campaignIntentKey(campaignId: string, householdId: string): string {
  return `campaign:${campaignId}:${householdId}`;
}
