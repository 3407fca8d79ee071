import { applyDecorators } from '@nestjs/common';
import { z } from 'zod';
import { ApiAnswer, ApiErrors, ApiNotFound } from '@unisson/platform';

/** Response documentation of intake's routes (OpenAPI): named schemas, examples, errors. */
const accepted = z.object({
  submissionId: z.string().uuid(),
  kind: z.enum(['alert', 'stage_event', 'intent']),
  status: z.enum(['received', 'processed']),
  receivedAt: z.string(),
  links: z.object({ self: z.string() }),
});
const ACCEPTED = {
  submissionId: '0a1b2c3d-0000-4000-8000-00000000000a',
  kind: 'alert',
  status: 'received',
  receivedAt: '2026-12-01T10:30:00.000Z',
  links: { self: '/v1/submissions/0a1b2c3d-0000-4000-8000-00000000000a' },
};

const submission = z.object({
  submissionId: z.string().uuid(),
  kind: z.enum(['alert', 'stage_event', 'intent']),
  status: z.enum(['received', 'processed', 'rejected']),
  receivedAt: z.string(),
  processedAt: z.string().nullable(),
  errorCode: z.string().nullable().describe('UNKNOWN_PARTNER_REF, NO_OPEN_PROCEDURE, PURPOSE_NOT_AT_THIS_STAGE…'),
  outcome: z
    .object({
      householdId: z
        .string()
        .uuid()
        .optional()
        .describe(
          'Le foyer dont votre organisation détient désormais une fiche (pour lire son plan) ; un identifiant, que le foyer ait été déjà suivi ou non',
        ),
      stage: z
        .string()
        .optional()
        .describe(
          'L’étape que votre propre événement fait atteindre (alerte : premier_impaye) ; jamais celle où en était la procédure d’après les autres partenaires. Une demande (intent) : l’étape à laquelle elle est planifiée',
        ),
      closes: z.boolean().optional().describe('Votre événement est de ceux qui clôturent la procédure (dette soldée, départ du logement)'),
      intents: z
        .array(
          z.object({ purpose: z.string(), stage: z.string(), deadlineOn: z.string().nullable(), callbackPhone: z.string().nullable() }),
        )
        .optional()
        .describe('Une demande (intent) : ce que le moteur de coordination a été prié de planifier pour vous'),
      error: z.string().optional(),
      warning: z.string().optional(),
    })
    .nullable(),
});

export const SubmissionAccepted = () =>
  applyDecorators(
    ApiAnswer(202, 'SubmissionAccepted', accepted, ACCEPTED, 'Reçu et enregistré ; traité ensuite par le moteur'),
    ApiAnswer(
      200,
      'SubmissionAccepted',
      accepted,
      { ...ACCEPTED, status: 'processed' },
      'Même Idempotency-Key : la première réponse est rejouée (Idempotent-Replayed: true)',
    ),
    ApiErrors(400, 401, 403, 422, 429),
    ApiNotFound(
      'Introuvable, ou hors de ce que votre organisation peut voir (la même réponse que le foyer existe ou non, et rien n’est enregistré). ' +
        'Un foyer se désigne par votre référence (partnerRef) s’il s’agit d’une fiche que votre organisation a déjà envoyée, sur l’un de ses territoires ; ' +
        'sinon par son identité et son adresse (tenant, address), et seulement si l’adresse est dans l’un des départements de votre organisation ' +
        'et que le playbook de ce département permet à votre type de partenaire de signaler cet événement ' +
        '(le premier impayé pour un bailleur, le commandement de payer pour un commissaire de justice, le concours de la force publique accordé pour la préfecture…). ' +
        'Une demande d’information (intent) ne désigne qu’un foyer dont votre organisation détient une fiche.',
    ),
  );

export const SubmissionRead = () =>
  applyDecorators(
    ApiAnswer(200, 'Submission', submission, {
      submissionId: ACCEPTED.submissionId,
      kind: 'alert',
      status: 'processed',
      receivedAt: ACCEPTED.receivedAt,
      processedAt: '2026-12-01T10:30:01.000Z',
      errorCode: null,
      outcome: { householdId: '9a8b7c6d-0000-4000-8000-000000000009', stage: 'premier_impaye' },
    }),
    ApiErrors(400, 401, 404),
  );
