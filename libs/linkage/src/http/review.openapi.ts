import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { z } from 'zod';
import { ApiAnswer, ApiErrors } from '@unisson/platform';

/** Response documentation of the household-matching review routes (OpenAPI). */
const link = z.object({
  id: z.string(),
  leftRecordId: z.string(),
  rightRecordId: z.string(),
  status: z.string(),
  source: z.string(),
  probability: z.number().describe('Probabilité « même foyer »'),
  matchWeight: z.number(),
  evidence: z.unknown().describe('Explication champ par champ (niveaux, poids)'),
  createdAt: z.string(),
});
const LINK = {
  id: '2c3d4e5f-0000-4000-8000-00000000000c',
  leftRecordId: 'a1…',
  rightRecordId: 'b2…',
  status: 'review',
  source: 'batch',
  probability: 0.74,
  matchWeight: 4.2,
  evidence: { fields: [] },
  createdAt: '2026-12-01T02:30:00.000Z',
};

export const ReviewList = () => applyDecorators(ApiAnswer(200, 'LinkList', z.array(link), [LINK]), ApiErrors(400, 401, 403));
export const ReviewDecided = () =>
  applyDecorators(
    ApiResponse({ status: 204, description: 'Décision enregistrée ; les foyers suivent (tâche de fond)' }),
    ApiErrors(400, 401, 403, 404),
  );
