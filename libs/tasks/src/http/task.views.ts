import { z } from 'zod';
import { isoInstant } from '@unisson/platform';
import { CHANNEL_LABELS, DEPARTEMENT_CODE, DEPARTEMENT_CODE_RULE } from '@unisson/vocabulary';
import { describeDueWindow, dueWindow } from '../domain/due-window';
import { OUTCOME_LABELS, outcomesOf, TASK_OUTCOMES, TaskOutcome } from '../domain/outcomes';
import { TASK_CHANNELS } from '../domain/task-channel';
import { TASK_STATE_LABELS, TASK_STATES, TaskState } from '../domain/task-life';
import type { TaskRow, TeamRow, WorklistRow } from '../tasks.repository';
import type { WeeklyWindow } from '@unisson/coordination';

export const teamViewSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  territories: z.array(z.string()),
  channels: z.array(z.enum(TASK_CHANNELS)),
});
export const teamView = (t: TeamRow) => ({ id: t.id, name: t.name, territories: t.territories, channels: t.channels });

export const worklistItemSchema = z.object({
  id: z.uuid(),
  channel: z.enum(TASK_CHANNELS),
  channelLabel: z.string(),
  purpose: z.string(),
  state: z.enum(TASK_STATES),
  stateLabel: z.string(),
  heldByYou: z.boolean(),
  dueFrom: z.string().describe('Premier instant où la tâche peut être traitée (ISO 8601)'),
  dueWindow: z.string().describe('Le créneau, en français, dans le fuseau du foyer et les horaires du playbook'),
  deadline: z.string().nullable(),
  attempts: z.number().int(),
  lastOutcome: z.enum(TASK_OUTCOMES as [TaskOutcome, ...TaskOutcome[]]).nullable(),
});

export const taskDetailSchema = worklistItemSchema.extend({
  teamId: z.uuid(),
  householdId: z.uuid(),
  locale: z.string().describe('Langue du foyer, celle du script'),
  recipient: z.string().nullable().describe('Numéro (appel) ou adresse (visite) : seulement pour qui tient la tâche'),
  script: z.string().nullable().describe('Script d’appel ou de visite de la bibliothèque de modèles, dans la langue du foyer'),
  routingReason: z.string(),
  reservedUntil: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
  unreachable: z.boolean(),
  cancelReason: z.string().nullable(),
  outcomes: z.array(z.object({ value: z.string(), label: z.string() })),
});

export const worklistSchema = z.object({
  team: teamViewSchema,
  counts: z.record(z.string(), z.number()).describe('Tâches ouvertes par état, et dueNow : à traiter maintenant'),
  yours: z.array(taskDetailSchema).describe('Les tâches que vous tenez (avec script et coordonnées)'),
  tasks: z.array(worklistItemSchema),
  limit: z.number().int(),
  offset: z.number().int(),
});

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export function worklistItem(t: WorklistRow | TaskRow, agent: string, hours: WeeklyWindow | undefined) {
  const notBefore = new Date(t.notBefore).getTime();
  const window = hours ? dueWindow(notBefore, hours, t.timeZone, t.territory) : { from: notBefore, until: null };
  const state = t.state as TaskState;
  return {
    id: t.id,
    channel: t.channel,
    channelLabel: CHANNEL_LABELS[t.channel],
    purpose: t.purpose,
    state,
    stateLabel: TASK_STATE_LABELS[state],
    heldByYou: t.agent === agent && ['reserved', 'assigned', 'wrap_up'].includes(state),
    dueFrom: new Date(window.from ?? notBefore).toISOString(),
    dueWindow: describeDueWindow(window, t.timeZone),
    deadline: iso(t.deadline),
    attempts: t.attempts,
    lastOutcome: (t.lastOutcome as TaskOutcome | null) ?? null,
  };
}

export function taskDetail(t: TaskRow, agent: string, hours: WeeklyWindow | undefined) {
  const item = worklistItem(t, agent, hours);
  return {
    ...item,
    teamId: t.teamId,
    householdId: t.householdId,
    locale: t.locale,
    recipient: item.heldByYou ? t.recipient : null,
    script: item.heldByYou ? t.script : null,
    routingReason: t.routingReason,
    reservedUntil: iso(t.reservedUntil),
    nextAttemptAt: iso(t.nextAttemptAt),
    unreachable: t.unreachable,
    cancelReason: t.cancelReason,
    outcomes: outcomesOf(t.channel).map((value) => ({ value, label: OUTCOME_LABELS[value] })),
  };
}

export const claimSchema = z.strictObject({
  taskId: z
    .uuid({ error: 'doit être l’identifiant (UUID) d’une tâche de l’équipe' })
    .optional()
    .describe('Sans taskId : la prochaine tâche due'),
});
export type ClaimInput = z.infer<typeof claimSchema>;

export const outcomeSchema = z
  .strictObject({
    outcome: z.enum(TASK_OUTCOMES as [TaskOutcome, ...TaskOutcome[]], {
      error: `résultat inconnu (appel : reached, no_answer, voicemail, wrong_number, callback_requested, refused ; visite : met, absent, moved, refused, note_left)`,
    }),
    note: z.string().trim().max(2000, 'au plus 2000 caractères').optional(),
    callbackAt: isoInstant('doit être un instant ISO 8601 avec son décalage, ex. 2026-12-08T14:30:00+01:00').optional(),
    complete: z.boolean().default(false).describe('true : clore aussitôt la tâche (sinon elle reste « à clore »)'),
  })
  .refine((o) => o.outcome !== 'callback_requested' || o.callbackAt !== undefined, {
    path: ['callbackAt'],
    message: 'est requis quand le foyer demande à être rappelé',
  });
export type OutcomeBody = z.infer<typeof outcomeSchema>;

export const newTeamSchema = z.strictObject({
  partnerId: z.uuid({ error: 'doit être l’identifiant (UUID) d’un partenaire' }),
  name: z.string().trim().min(3, 'au moins 3 caractères').max(120),
  territories: z.array(z.string().regex(DEPARTEMENT_CODE, DEPARTEMENT_CODE_RULE)).min(1, 'au moins un territoire').max(20),
  channels: z.array(z.enum(TASK_CHANNELS, { error: 'call ou homeVisit' })).min(1, 'au moins un canal'),
});
export type NewTeamInput = z.infer<typeof newTeamSchema>;
