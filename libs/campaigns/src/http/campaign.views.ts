import { z } from 'zod';
import { CAMPAIGN_STATUS_LABELS, CAMPAIGN_STATUSES, availableCommands } from '../domain/campaign';
import { Campaign } from '../entities/campaign.entity';

const shown = z.object({ count: z.number().int().nullable().describe('Null quand le nombre est masqué (moins de 10)'), label: z.string() });

export const campaignViewSchema = z.object({
  id: z.string().uuid(),
  partnerId: z.string().uuid(),
  name: z.string(),
  purpose: z.string(),
  territory: z.string(),
  target: z.record(z.string(), z.unknown()),
  status: z.enum(CAMPAIGN_STATUSES),
  statusLabel: z.string(),
  scheduledAt: z.string().nullable(),
  createdBy: z.string(),
  approvedBy: z.string().nullable(),
  approvedAt: z.string().nullable(),
  launchedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  intentsProduced: z.number().int(),
  commands: z.array(z.string()).describe('Actions possibles dans cet état'),
});

export const previewSchema = z.object({
  households: shown,
  byGroup: z.array(z.object({ key: z.string(), count: z.number().int().nullable(), label: z.string() })),
});

export const resultsSchema = z.object({
  intentsProduced: z.number().int(),
  households: shown,
  contactsPlanned: shown,
  contactsHandedOff: shown.describe('Contacts remis à la messagerie pour envoi'),
  householdsResponded: shown,
  byChannel: z.record(z.string(), shown),
});

export function campaignView(c: Campaign) {
  const target = c.target;
  return {
    id: c.id,
    partnerId: c.partnerId,
    name: c.name,
    purpose: c.purpose,
    territory: c.territory,
    target: {
      stage: target.stage,
      territory: target.territory,
      ...(target.debtMinCents !== undefined ? { debtMin: target.debtMinCents / 100 } : {}),
      ...(target.debtMaxCents !== undefined ? { debtMax: target.debtMaxCents / 100 } : {}),
      ...(target.housingSector ? { housingSector: target.housingSector } : {}),
      ...(target.benefitRecipient !== undefined ? { benefitRecipient: target.benefitRecipient } : {}),
      ...(target.postalCodes ? { postalCodes: target.postalCodes } : {}),
    },
    status: c.status,
    statusLabel: CAMPAIGN_STATUS_LABELS[c.status],
    scheduledAt: c.scheduledAt?.toISOString() ?? null,
    createdBy: c.createdBy,
    approvedBy: c.approvedBy,
    approvedAt: c.approvedAt?.toISOString() ?? null,
    launchedAt: c.launchedAt?.toISOString() ?? null,
    finishedAt: c.finishedAt?.toISOString() ?? null,
    intentsProduced: c.intentsProduced,
    commands: availableCommands(c.status),
  };
}

export const CAMPAIGN_EXAMPLE = {
  id: '8192a3b4-0000-4000-8000-000000000008',
  partnerId: '2b3c4d5e-0000-4000-8000-000000000001',
  name: 'Lettre de prévention CCAPEX — commandements de décembre',
  purpose: 'lettrePreventionCcapex',
  territory: '93',
  target: { stage: 'commandement_de_payer', territory: '93', debtMin: 1000, housingSector: 'prive' },
  status: 'pending_approval',
  statusLabel: 'En attente d’approbation',
  scheduledAt: '2026-12-08T09:00:00.000Z',
  createdBy: 'account:4d5e6f70-0000-4000-8000-000000000003',
  approvedBy: null,
  approvedAt: null,
  launchedAt: null,
  finishedAt: null,
  intentsProduced: 0,
  commands: ['approve', 'reject', 'cancel'],
};
