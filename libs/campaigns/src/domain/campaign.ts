/**
 * Campaigns of the CAF, the State services and the Département, as pure data and rules: the
 * target, the life cycle with its four-eyes approval, and small-count suppression of previews.
 */

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

/** Counts under this are never shown: they could single out a household. */
export const SMALL_COUNT_THRESHOLD = 10;

export interface ShownCount {
  /** Null when hidden. */
  count: number | null;
  /** What the page prints: the number, or "moins de 10". */
  label: string;
}

export function shownCount(n: number, threshold = SMALL_COUNT_THRESHOLD): ShownCount {
  return n > 0 && n < threshold ? { count: null, label: `moins de ${threshold}` } : { count: n, label: String(n) };
}

/**
 * A breakdown with small groups hidden. When exactly one group is hidden and the total is shown,
 * the next smallest is hidden too, so the hidden one cannot be worked out by subtraction.
 */
export function suppressedBreakdown(groups: ReadonlyArray<{ key: string; count: number }>, threshold = SMALL_COUNT_THRESHOLD) {
  const hidden = new Set(groups.filter((g) => g.count > 0 && g.count < threshold).map((g) => g.key));
  if (hidden.size === 1) {
    const next = [...groups].filter((g) => !hidden.has(g.key) && g.count > 0).sort((a, b) => a.count - b.count)[0];
    if (next) hidden.add(next.key);
  }
  return groups.map((g) =>
    hidden.has(g.key) ? { key: g.key, count: null, label: `masqué (petit effectif)` } : { key: g.key, ...shownCount(g.count, threshold) },
  );
}

/** Idempotency key of the intent a campaign posts for a household: relaunching never duplicates it. */
export function campaignIntentKey(campaignId: string, householdId: string): string {
  return `campaign:${campaignId}:${householdId}`;
}
