/**
 * The stage playbook: who says what, when and how. Data, never code; every legal delay carries
 * its source and the dates it applies between. The national playbook (`territory: "FR"`) holds
 * the national rules and applies wherever no local playbook exists; a local playbook (one
 * département) holds only what it changes, stage by stage (see playbook-resolution.ts).
 */
import { IANAZone } from 'luxon';
import { z } from 'zod';
import { CONTACT_CHANNELS, DEPARTEMENT_CODE, DEPARTEMENT_CODE_RULE, HOUSING_SECTORS, PROCEDURE_STAGES } from '@unisson/vocabulary';
import { HOUSEHOLD_EVENTS, PARTNER_KINDS } from './types';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date attendue au format AAAA-MM-JJ');
const hhmm = z.string().regex(/^([01]\d|2[0-4]):[0-5]\d$/, 'heure attendue au format HH:MM');
const monthDay = z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'jour attendu au format MM-JJ');
const stage = z.enum(PROCEDURE_STAGES);
const channel = z.enum(CONTACT_CHANNELS);
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
        landlordKind: z.enum(HOUSING_SECTORS).optional(),
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

/** Who a purpose's messages are written to. */
export const ADDRESSEES = ['household', 'landlord'] as const;
export type Addressee = (typeof ADDRESSEES)[number];

const leadSchema = z.object({ kind: partnerKind, appliesFrom: isoDate.optional(), appliesUntil: isoDate.optional() }).strict();

/**
 * Conditions a purpose may require on the planning day: arrears constituted under the CAF regime
 * in force, a household known to receive housing benefit, an eviction the winter truce defers, a
 * dwelling let by a private landlord.
 */
export const PURPOSE_CONDITIONS = ['cafArrearsConstituted', 'housingBenefit', 'winterTruceDefersEviction', 'privateLandlord'] as const;
export type PurposeCondition = (typeof PURPOSE_CONDITIONS)[number];

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
    requires: z.array(z.enum(PURPOSE_CONDITIONS)).default([]),
    /**
     * Who the message is written to: the household (default) or its private landlord (the Essonne
     * mobile team writes to both). A landlord's letter is never the household's: outside its caps,
     * stage-letter merges and contact history (see landlord-letters.ts).
     */
    addressee: z.enum(ADDRESSEES).default('household'),
    /** Events that make a legal act moot, with the legal reason written in the trace (legal purposes only). */
    withdrawnBy: z
      .array(z.object({ event: z.enum(HOUSEHOLD_EVENTS), reason: z.string().min(20, 'citer la raison juridique') }).strict())
      .default([]),
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

const cafArrearsRegimeSchema = z
  .object({
    id: z.string().min(1),
    label: z.string().min(1),
    source: z.string().min(10, 'citer la source (texte et article)'),
    appliesFrom: isoDate,
    appliesUntil: isoDate.nullable().default(null),
    rule: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('rentMultiple'), months: z.number().positive() }).strict(),
      z
        .object({
          kind: z.literal('debtOrDuration'),
          debtAboveCents: z.number().int().positive(),
          unpaidMonths: z.number().int().positive(),
        })
        .strict(),
    ]),
  })
  .strict();

const caps = z
  .object({
    rollingWindowDays: z.number().int().positive(),
    perChannel: z.partialRecord(channel, z.number().int().positive()),
    nonLegalLettersPerStage: z.number().int().min(0),
    pauseAfterRefusalDays: z.number().int().min(0),
  })
  .strict();

const winterTruce = z
  .object({
    start: monthDay,
    end: monthDay,
    source: z.string().min(10),
    extensions: z.array(z.object({ season: z.number().int(), until: isoDate, source: z.string().min(10) }).strict()).default([]),
  })
  .strict();

const escalation = z
  .object({
    npai: z
      .object({
        /** Mark the address invalid for every partner once a letter comes back. */
        markAddressInvalid: z.boolean(),
        /** Where the returned letter's content goes instead, first reachable first. */
        fallbackChannels: z.array(channel).min(1),
        suggestHomeVisit: z.boolean(),
        /** The services a home visit is suggested to, in order of preference. */
        homeVisitBy: z.array(partnerKind).min(1),
      })
      .strict(),
    undelivered: z.enum(['nextChannel']),
  })
  .strict();

const cancellingEvent = z
  .object({
    event: z.enum(HOUSEHOLD_EVENTS),
    cancels: z.union([z.literal('allNonLegal'), z.array(z.string()).min(1)]),
    /** `stage`: the event no longer cancels once the procedure reaches a later stage (it resumed); `procedure`: for good. */
    scope: z.enum(['stage', 'procedure']).default('stage'),
  })
  .strict();

/**
 * Which team works a call or a visit task (libs/tasks): the first rule whose conditions the
 * household meets and that has a team on the territory wins. A condition left out matches
 * everything; a fact Unisson does not know (children, housing benefit) never meets one.
 */
const taskRoutingCondition = z
  .object({
    channels: z
      .array(z.enum(['call', 'homeVisit']))
      .min(1)
      .optional(),
    stages: z.array(stage).min(1).optional(),
    housingSector: z.enum(HOUSING_SECTORS).optional(),
    housingBenefit: z.boolean().optional(),
    dependentChildren: z.boolean().optional(),
    purposes: z.array(z.string().min(1)).min(1).optional(),
  })
  .strict();
const taskRoutingRule = z
  .object({
    id: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/),
    label: z.string().min(1),
    when: taskRoutingCondition.default({}),
    /** Kinds of the partners whose teams take the task, first found first. */
    teamKinds: z.array(partnerKind).min(1),
  })
  .strict();
export const taskRoutingSchema = z
  .object({
    /** How long a claimed task stays reserved before it is handed back (TaskRouter's reservation timeout). */
    reservationMinutes: z.number().int().min(1).max(240),
    /** How many households one caller may hold at once (CiviCampaign's reservation cap). */
    maxHouseholdsPerAgent: z.number().int().min(1).max(100),
    rules: z.array(taskRoutingRule).min(1),
  })
  .strict();
export type TaskRouting = z.infer<typeof taskRoutingSchema>;
export type TaskRoutingRule = z.infer<typeof taskRoutingRule>;
/** When a playbook says nothing of tasks: the Département's teams take them, 15-minute reservations, 5 households a caller. */
export const DEFAULT_TASK_ROUTING: TaskRouting = {
  reservationMinutes: 15,
  maxHouseholdsPerAgent: 5,
  rules: [{ id: 'departement', label: 'Le Département pour tous les foyers', when: {}, teamKinds: ['departement'] }],
};

const writtenChannel = z.enum(['sms', 'email', 'letter']);
/**
 * Spoken messages for households who read with difficulty (a partner said so): an automated call
 * in the household's language says what the written message says. `instead`: the written
 * channels a spoken message replaces (never a legal letter: the act is still sent, the voice goes
 * with it); `alongside`: the written channels a spoken message goes with, the same day. A spoken
 * message that did not get through (no answer, busy) gives the written channel back.
 */
const spokenMessagesSchema = z
  .object({
    instead: z.array(writtenChannel).default([]),
    alongside: z.array(writtenChannel).default([]),
  })
  .strict()
  .refine((s) => !s.instead.some((c) => s.alongside.includes(c)), 'un canal est soit remplacé, soit accompagné, pas les deux');
export type SpokenMessages = z.infer<typeof spokenMessagesSchema>;

/** Partner kinds that may report a stage event about a household they hold no record of yet. */
const stageEventReporters = z.record(z.string().regex(/^[a-z_]+$/), z.array(partnerKind).min(1));
/**
 * Stage events only these partner kinds may report, whatever record they hold (the concours de la
 * force publique is granted by the préfet: a landlord reporting it would move its tenant to the
 * eviction stage). Every other event may come from a partner holding the household's record.
 */
const reservedStageEvents = z.record(z.string().regex(/^[a-z_]+$/), z.array(partnerKind).min(1));

/** A département's code, as the one definition of them has it (libs/vocabulary). */
const departementCode = z.string().regex(DEPARTEMENT_CODE, `le territoire ${DEPARTEMENT_CODE_RULE}`);
const territoryCode = z.union([z.literal('FR'), departementCode], {
  error: `FR (national), ou un territoire qui ${DEPARTEMENT_CODE_RULE}`,
});
const timeZone = z.string().refine((zone) => IANAZone.isValidZone(zone), 'fuseau horaire IANA inconnu');

const playbookShape = {
  version: z.string().min(1),
  territory: territoryCode,
  name: z.string().min(1),
  timeZone,
  validFrom: isoDate,
  validUntil: isoDate.nullable().default(null),
  sources: z.array(z.string().min(5)).min(1),
  contactHours: z.partialRecord(channel, weeklyWindowSchema),
  caps,
  winterTruce,
  legalDelays: z.array(legalDelaySchema).min(1),
  cafArrears: z.array(cafArrearsRegimeSchema).default([]),
  anchors: z.array(anchorSchema).default([]),
  purposes: z.array(purposeSchema).min(1),
  escalation,
  cancellingEvents: z.array(cancellingEvent).min(1),
  stageEventReporters: stageEventReporters.default({}),
  reservedStageEvents: reservedStageEvents.default({}),
  variantSlots: z.number().int().min(1).max(16).default(1),
  taskRouting: taskRoutingSchema.default(DEFAULT_TASK_ROUTING),
  /** Absent: no spoken message is planned on its own (a partner may still plan one). */
  spokenMessages: spokenMessagesSchema.optional(),
};

export const playbookSchema = z
  .object(playbookShape)
  .strict()
  .superRefine((playbook, ctx) => checkReferences(playbook, ctx));

/**
 * A département's playbook: what it changes from the national one. Purposes replace the national
 * purposes of the stages they belong to; other sections replace the national section (legal
 * delays, anchors and cancelling events entry by entry).
 */
export const localPlaybookSchema = z
  .object({
    version: z.string().min(1),
    territory: departementCode,
    extends: z.literal('FR'),
    name: z.string().min(1),
    timeZone: timeZone.optional(),
    validFrom: isoDate,
    validUntil: isoDate.nullable().default(null),
    sources: z.array(z.string().min(5)).min(1),
    contactHours: z.partialRecord(channel, weeklyWindowSchema).optional(),
    caps: caps.optional(),
    winterTruce: winterTruce.optional(),
    legalDelays: z.array(legalDelaySchema).default([]),
    anchors: z.array(anchorSchema).default([]),
    purposes: z.array(purposeSchema).default([]),
    escalation: escalation.optional(),
    cancellingEvents: z.array(cancellingEvent).default([]),
    stageEventReporters: stageEventReporters.optional(),
    reservedStageEvents: reservedStageEvents.optional(),
    variantSlots: z.number().int().min(1).max(16).optional(),
    /** Settings replace the national ones; rules come before the national rules (same id: replaced). */
    taskRouting: taskRoutingSchema.partial().optional(),
    spokenMessages: spokenMessagesSchema.optional(),
  })
  .strict();
export type LocalPlaybook = z.infer<typeof localPlaybookSchema>;

export type Playbook = z.infer<typeof playbookSchema>;

/** Anchors every plan knows: when Unisson's sequence starts, the stage's legal event date, the end of the winter truce. */
export const BUILT_IN_ANCHORS = ['stageEnteredAt', 'stageEventDate', 'winterTruceEnd'];

function checkReferences(playbook: z.infer<typeof playbookSchema>, ctx: z.RefinementCtx): void {
  const issue = (message: string, path: (string | number)[]): void => {
    ctx.addIssue({ code: 'custom', message, path });
  };
  const delayIds = new Set(playbook.legalDelays.map((d) => d.id));
  playbook.anchors.forEach((anchor, i) => {
    if (!delayIds.has(anchor.delay)) issue(`délai légal inconnu "${anchor.delay}"`, ['anchors', i, 'delay']);
    if (anchor.from === 'stageEnteredAt') {
      issue("un délai légal court à partir de la date de l'acte (stageEventDate), pas du jour où Unisson l'a appris (stageEnteredAt)", [
        'anchors',
        i,
        'from',
      ]);
    }
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
    if (purpose.addressee === 'landlord') {
      if (purpose.legal) issue("un courrier au bailleur n'est pas un acte légal du ménage", ['purposes', i, 'legal']);
      if (purpose.sequence.some((s) => s.channel !== 'letter' || s.onlyIfNoResponse)) {
        issue('un objet adressé au bailleur ne prévoit que des courriers, sans condition de réponse du ménage', [
          'purposes',
          i,
          'sequence',
        ]);
      }
      if (!purpose.requires.includes('privateLandlord')) {
        issue('un objet adressé au bailleur exige la condition privateLandlord', ['purposes', i, 'requires']);
      }
    }
    if (purpose.notAfter && !isAnchor(purpose.notAfter.anchor)) issue('ancre inconnue', ['purposes', i, 'notAfter']);
    if (!purpose.legal && purpose.withdrawnBy.length > 0) {
      issue("seul un objet légal se retire (les autres s'annulent par cancellingEvents)", ['purposes', i, 'withdrawnBy']);
    }
  });
  const groups = new Set(playbook.purposes.map((p) => p.mergeGroup));
  playbook.cancellingEvents.forEach((rule, i) => {
    if (Array.isArray(rule.cancels)) {
      rule.cancels.filter((g) => !groups.has(g)).forEach((g) => issue(`groupe inconnu "${g}"`, ['cancellingEvents', i]));
    }
  });
  playbook.taskRouting.rules.forEach((rule, i) => {
    (rule.when.purposes ?? [])
      .filter((p) => !purposeIds.has(p))
      .forEach((p) => issue(`objet inconnu "${p}"`, ['taskRouting', 'rules', i, 'when', 'purposes']));
  });
  if (playbook.spokenMessages && !playbook.contactHours.voice) {
    issue("pas d'horaires pour le canal voice (messages vocaux)", ['spokenMessages']);
  }
  if (playbook.validUntil && playbook.validUntil < playbook.validFrom) issue('validUntil avant validFrom', ['validUntil']);
}

function parseWith<T>(schema: z.ZodType<T>, raw: unknown, origin: string): T {
  const result = schema.safeParse(raw);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  - ${i.path.join('.') || '(racine)'}: ${i.message}`);
    throw new Error(`${origin} invalide, corrigez le fichier puis relancez :\n${lines.join('\n')}`);
  }
  return result.data;
}

/** Parses a complete playbook (the national one, or a resolved one), with French messages that say what to fix. */
export function parsePlaybook(raw: unknown, origin = 'playbook'): Playbook {
  return parseWith(playbookSchema, raw, origin);
}

/** Parses a département's playbook (what it changes from the national one). */
export function parseLocalPlaybook(raw: unknown, origin = 'playbook'): LocalPlaybook {
  return parseWith(localPlaybookSchema, raw, origin);
}
