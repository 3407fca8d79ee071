/**
 * The stage playbook: per-territory configuration of who says what, when and how. Data, never
 * code; every legal delay carries its source and the dates it applies between.
 */
import { IANAZone } from 'luxon';
import { z } from 'zod';
import { CHANNELS, HOUSEHOLD_EVENTS, PARTNER_KINDS, STAGES } from './types';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date attendue au format AAAA-MM-JJ');
const hhmm = z.string().regex(/^([01]\d|2[0-4]):[0-5]\d$/, 'heure attendue au format HH:MM');
const monthDay = z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'jour attendu au format MM-JJ');
const stage = z.enum(STAGES);
const channel = z.enum(CHANNELS);
const partnerKind = z.enum(PARTNER_KINDS);

export const durationSchema = z.object({
  amount: z.number().int(),
  unit: z.enum(['days', 'weeks', 'months', 'workingDays']),
});
export type Duration = z.infer<typeof durationSchema>;

const legalDelaySchema = z
  .object({
    id: z.string().min(1),
    label: z.string().min(1),
    amount: z.number().int().positive(),
    unit: z.enum(['days', 'weeks', 'months', 'workingDays']),
    source: z.string().min(10, 'citer la source (texte et article, ou adresse)'),
    appliesFrom: isoDate,
    appliesUntil: isoDate.nullable().default(null),
    when: z
      .object({
        leaseSignedBefore: isoDate.optional(),
        leaseSignedFrom: isoDate.optional(),
        landlordKind: z.enum(['social', 'private']).optional(),
      })
      .strict()
      .default({}),
  })
  .strict();
export type LegalDelay = z.infer<typeof legalDelaySchema>;

/** A date derived from a procedure date and a legal delay (e.g. hearing minus 5 working days). */
const anchorSchema = z
  .object({
    id: z.string().min(1),
    from: z.string().min(1),
    delay: z.string().min(1),
    direction: z.enum(['after', 'before']),
  })
  .strict();

const stepSchema = z
  .object({
    channel,
    anchor: z.string().min(1),
    offset: durationSchema,
    onlyIfNoResponse: z.boolean().default(false),
  })
  .strict();
export type ChannelStep = z.infer<typeof stepSchema>;

const leadSchema = z.object({ kind: partnerKind, appliesFrom: isoDate.optional(), appliesUntil: isoDate.optional() }).strict();

const purposeSchema = z
  .object({
    id: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/),
    label: z.string().min(1),
    stage,
    legal: z.boolean(),
    legalBasis: z.string().optional(),
    leadPartnerKinds: z.array(leadSchema).min(1),
    mergeGroup: z.string().min(1),
    sequence: z.array(stepSchema).min(1),
    notAfter: z.object({ anchor: z.string(), offset: durationSchema }).strict().optional(),
    deferDuringWinterTruce: z.boolean().default(false),
  })
  .strict();
export type PurposeDefinition = z.infer<typeof purposeSchema>;

const weeklyWindowSchema = z
  .object({
    days: z.array(z.number().int().min(0).max(6)).min(1),
    ranges: z.array(z.object({ from: hhmm, to: hhmm }).strict()).min(1),
    allowPublicHolidays: z.boolean().default(false),
  })
  .strict();
export type WeeklyWindow = z.infer<typeof weeklyWindowSchema>;

export const playbookSchema = z
  .object({
    version: z.string().min(1),
    territory: z.string().regex(/^(\d{2}|2A|2B|97\d)$/),
    name: z.string().min(1),
    timeZone: z.string().refine((zone) => IANAZone.isValidZone(zone), 'fuseau horaire IANA inconnu'),
    validFrom: isoDate,
    validUntil: isoDate.nullable().default(null),
    sources: z.array(z.string().min(5)).min(1),
    holidays: z.object({ alsaceMoselle: z.boolean() }).strict(),
    contactHours: z.partialRecord(channel, weeklyWindowSchema),
    caps: z
      .object({
        rollingWindowDays: z.number().int().positive(),
        perChannel: z.partialRecord(channel, z.number().int().positive()),
        nonLegalLettersPerStage: z.number().int().min(0),
        pauseAfterRefusalDays: z.number().int().min(0),
      })
      .strict(),
    winterTruce: z
      .object({
        start: monthDay,
        end: monthDay,
        source: z.string().min(10),
        extensions: z.array(z.object({ season: z.number().int(), until: isoDate, source: z.string().min(10) }).strict()).default([]),
      })
      .strict(),
    legalDelays: z.array(legalDelaySchema).min(1),
    anchors: z.array(anchorSchema).default([]),
    purposes: z.array(purposeSchema).min(1),
    escalation: z
      .object({
        npai: z
          .object({
            markAddressInvalid: z.boolean(),
            fallbackChannels: z.array(channel).min(1),
            suggestHomeVisit: z.boolean(),
          })
          .strict(),
        undelivered: z.enum(['nextChannel']),
      })
      .strict(),
    cancellingEvents: z
      .array(
        z
          .object({
            event: z.enum(HOUSEHOLD_EVENTS),
            cancels: z.union([z.literal('allNonLegal'), z.array(z.string()).min(1)]),
          })
          .strict(),
      )
      .min(1),
    variantSlots: z.number().int().min(1).max(16).default(1),
  })
  .strict()
  .superRefine((playbook, ctx) => checkReferences(playbook, ctx));

export type Playbook = z.infer<typeof playbookSchema>;

const BUILT_IN_ANCHORS = ['stageEnteredAt'];

function checkReferences(playbook: z.infer<typeof playbookSchema>, ctx: z.RefinementCtx): void {
  const issue = (message: string, path: (string | number)[]): void => {
    ctx.addIssue({ code: 'custom', message, path });
  };
  const delayIds = new Set(playbook.legalDelays.map((d) => d.id));
  playbook.anchors.forEach((anchor, i) => {
    if (!delayIds.has(anchor.delay)) issue(`délai légal inconnu "${anchor.delay}"`, ['anchors', i, 'delay']);
  });
  const anchorIds = new Set(playbook.anchors.map((a) => a.id));
  const isAnchor = (id: string): boolean => BUILT_IN_ANCHORS.includes(id) || anchorIds.has(id) || /^[a-z][A-Za-z]*(At|Date)$/.test(id);
  const groupStage = new Map<string, string>();
  const purposeIds = new Set<string>();
  playbook.purposes.forEach((purpose, i) => {
    if (purposeIds.has(purpose.id)) issue(`objet en double "${purpose.id}"`, ['purposes', i, 'id']);
    purposeIds.add(purpose.id);
    if (purpose.legal && !purpose.legalBasis) issue('un objet légal doit citer sa base légale', ['purposes', i]);
    const firstStep = purpose.sequence[0];
    if (purpose.legal && (firstStep.onlyIfNoResponse || !['letter', 'servedAct'].includes(firstStep.channel))) {
      issue('un objet légal commence par un courrier ou un acte signifié, sans condition', ['purposes', i, 'sequence', 0]);
    }
    const stageOfGroup = groupStage.get(purpose.mergeGroup);
    if (stageOfGroup && stageOfGroup !== purpose.stage) {
      issue(`le groupe "${purpose.mergeGroup}" mélange deux étapes`, ['purposes', i, 'mergeGroup']);
    }
    groupStage.set(purpose.mergeGroup, purpose.stage);
    purpose.sequence.forEach((step, j) => {
      if (!isAnchor(step.anchor)) issue(`ancre inconnue "${step.anchor}"`, ['purposes', i, 'sequence', j]);
      if (!playbook.contactHours[step.channel] && step.channel !== 'servedAct') {
        issue(`pas d'horaires pour le canal ${step.channel}`, ['purposes', i, 'sequence', j]);
      }
    });
    if (purpose.notAfter && !isAnchor(purpose.notAfter.anchor)) issue('ancre inconnue', ['purposes', i, 'notAfter']);
  });
  const groups = new Set(playbook.purposes.map((p) => p.mergeGroup));
  playbook.cancellingEvents.forEach((rule, i) => {
    if (Array.isArray(rule.cancels)) {
      rule.cancels.filter((g) => !groups.has(g)).forEach((g) => issue(`groupe inconnu "${g}"`, ['cancellingEvents', i]));
    }
  });
  if (playbook.validUntil && playbook.validUntil < playbook.validFrom) issue('validUntil avant validFrom', ['validUntil']);
}

/** Parses a playbook, with French messages that say what to fix. */
export function parsePlaybook(raw: unknown, origin = 'playbook'): Playbook {
  const result = playbookSchema.safeParse(raw);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  - ${i.path.join('.') || '(racine)'}: ${i.message}`);
    throw new Error(`${origin} invalide, corrigez le fichier puis relancez :\n${lines.join('\n')}`);
  }
  return result.data;
}
