import { z } from 'zod';

const shownCount = z.object({
  value: z.number().int().nullable(),
  hidden: z.boolean().describe('vrai : moins de 10 foyers (ou déductible par différence) ; sinon value est arrondie à un multiple de 5'),
});
const interval = z.object({ low: z.number(), high: z.number() });

export const reportSchema = z.object({
  territory: z.string().nullable(),
  from: z.string().describe('Début compté : le lundi (00:00 UTC) qui précède ou est le début demandé'),
  to: z.string().describe('Fin comptée, exclue : le lundi qui suit la fin demandée (semaines entières)'),
  period: z.string().describe('La période comptée, en français'),
  smallCellThreshold: z.number().int(),
  roundingBase: z.number().int().describe('Les nombres publiés sont des multiples de cette base (arrondi contrôlé)'),
  variants: z.array(
    z.object({
      purpose: z.string(),
      channel: z.string(),
      variant: z.string(),
      templateVersions: z.number().int(),
      households: shownCount,
      responders: shownCount,
      rate: z.number().nullable().describe('Calculé sur les nombres exacts, publié au point (0,01)'),
      interval: interval.nullable().describe('Intervalle de Wilson à 95 %, élargi au point'),
    }),
  ),
  funnel: z.array(z.object({ step: z.string(), label: z.string(), households: shownCount })),
  coordination: z.array(
    z.object({
      dimension: z.enum(['territory', 'housing_sector', 'language', 'falc']),
      value: z.string(),
      households: shownCount,
      before: z.number().nullable().describe('Messages par foyer demandés par les partenaires (avant coordination)'),
      after: z.number().nullable().describe('Messages par foyer envoyés par Unisson (après coordination)'),
    }),
  ),
  experiments: z.array(z.record(z.string(), z.unknown())),
});

export const REPORT_EXAMPLE = {
  territory: '93',
  from: '2026-08-31T00:00:00.000Z',
  to: '2026-12-07T00:00:00.000Z',
  period: 'semaines entières du lundi 2026-08-31 au dimanche 2026-12-06 inclus',
  smallCellThreshold: 10,
  roundingBase: 5,
  variants: [
    {
      purpose: 'rappelImpaye',
      channel: 'sms',
      variant: 'reassuring.short.picto',
      templateVersions: 1,
      households: { value: 410, hidden: false },
      responders: { value: 95, hidden: false },
      rate: 0.24,
      interval: { low: 0.19, high: 0.28 },
    },
  ],
  funnel: [{ step: 'commandement_de_payer', label: 'Commandement de payer', households: { value: 230, hidden: false } }],
  coordination: [{ dimension: 'housing_sector', value: 'prive', households: { value: 180, hidden: false }, before: 4.2, after: 2.1 }],
  experiments: [],
};

export const charterSchema = z.array(
  z.object({
    number: z.string(),
    label: z.string(),
    fed: z.boolean(),
    value: z.number().nullable(),
    hidden: z.boolean(),
    note: z.string(),
  }),
);

export const outcomeAnswerSchema = z.object({
  id: z.string().uuid(),
  householdId: z.string().uuid(),
  kind: z.string(),
  recorded: z.enum(['new', 'already']),
});
