import { z } from 'zod';

export const importStatusSchema = z.object({
  importId: z.string().uuid(),
  fileName: z.string(),
  status: z.enum(['queued', 'processing', 'completed', 'failed']).describe('queued → processing → completed (ou failed)'),
  encoding: z.string().nullable().describe('utf-8 ou windows-1252, détecté'),
  delimiter: z.string().nullable().describe('; ou , détecté'),
  rowsTotal: z.number().int().nullable().describe('Lignes de données du fichier (sans l’en-tête), une fois comptées'),
  rowsDone: z.number().int(),
  percent: z.number().describe('Avancement, 0 à 100'),
  rowsInvalid: z.number().int().describe('Lignes refusées (voir le rapport d’erreurs)'),
  alertsCreated: z.number().int().describe('Alertes nouvelles transmises au traitement'),
  alertsReplayed: z.number().int().describe('Lignes déjà reçues (même ligne ou même clé) : rien n’est créé deux fois'),
  alertsProcessed: z
    .number()
    .int()
    .describe('Alertes de ce fichier traitées : ménage retrouvé ou créé, procédure ouverte (le plan de contacts suit aussitôt)'),
  alertsWaiting: z.number().int().describe('Alertes de ce fichier reçues, en attente de traitement'),
  processedPercent: z.number().describe('Part des alertes reçues de ce fichier déjà traitées, 0 à 100'),
  failure: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  links: z.object({ self: z.string(), errors: z.string(), errorsCsv: z.string() }),
});

export const uploadAnswerSchema = importStatusSchema.extend({
  ignoredColumns: z.array(z.string()).describe('Colonnes du fichier qu’Unisson ne lit pas'),
});

/** An upload's status as the API answers it (for the CLI, the demo's follower, the tests). */
export type ImportStatus = z.infer<typeof importStatusSchema>;
export type UploadAnswer = z.infer<typeof uploadAnswerSchema>;

export const importErrorSchema = z.object({
  line: z.number().int().describe('Ligne du fichier (1 = l’en-tête)'),
  field: z.string().describe('Colonne, telle que nommée dans votre en-tête'),
  reason: z.string().describe('Raison, en français'),
});

export const IMPORT_EXAMPLE = {
  importId: '5e6f7081-0000-4000-8000-000000000005',
  fileName: 'impayes-2026-12.csv',
  status: 'processing',
  encoding: 'windows-1252',
  delimiter: ';',
  rowsTotal: 50000,
  rowsDone: 21500,
  percent: 43,
  rowsInvalid: 12,
  alertsCreated: 21300,
  alertsReplayed: 188,
  alertsProcessed: 9800,
  alertsWaiting: 11500,
  processedPercent: 46,
  failure: null,
  createdAt: '2026-12-01T10:31:00.000Z',
  finishedAt: null,
  links: {
    self: '/v1/alerts/imports/5e6f7081-0000-4000-8000-000000000005',
    errors: '/v1/alerts/imports/5e6f7081-0000-4000-8000-000000000005/errors',
    errorsCsv: '/v1/alerts/imports/5e6f7081-0000-4000-8000-000000000005/errors?format=csv',
  },
};
