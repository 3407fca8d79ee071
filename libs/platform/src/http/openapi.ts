import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiResponse } from '@nestjs/swagger';
import { z, ZodType } from 'zod';
import { NOT_FOUND_MESSAGE } from '../errors';

/**
 * OpenAPI from code: zod schemas become named component schemas (`#/components/schemas/<Name>`),
 * so a generated client gets real types; every route says what it answers, with an example, and
 * which errors it can return in the one error shape.
 */
const components = new Map<string, object>();

/** A zod schema as the JSON schema the document shows (a header's or a component's). */
export function jsonSchemaOf(schema: ZodType, io: 'input' | 'output' = 'input'): object {
  const { $schema: _ignored, ...json } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return json;
}

/** Registers a named component schema (idempotent) and returns its reference. */
export function componentRef(name: string, schema: ZodType, io: 'input' | 'output' = 'output'): { $ref: string } {
  if (!components.has(name)) components.set(name, jsonSchemaOf(schema, io));
  return { $ref: `#/components/schemas/${name}` };
}

/** Every component registered by the routes' decorators, for the document. */
export function registeredComponents(): Record<string, object> {
  return Object.fromEntries([...components.entries()].sort(([a], [b]) => a.localeCompare(b)));
}

export const errorBodySchema = z
  .object({
    statusCode: z.number().int().describe('Statut HTTP'),
    code: z.string().describe('Code stable, à tester dans votre code (VALIDATION_FAILED, NOT_FOUND…)'),
    message: z.string().describe('Ce qui ne va pas et ce qu’il faut faire'),
    correlationId: z.string().describe('À donner au support'),
    errors: z
      .array(z.object({ field: z.string(), message: z.string() }))
      .optional()
      .describe('Champs en cause (400)'),
  })
  .describe('Erreur (toutes les routes)');

const ERROR_TEXT: Record<number, [string, string, string]> = {
  400: ['Requête invalide : les champs en cause sont nommés', 'VALIDATION_FAILED', 'Requête invalide : vérifiez address.postalCode.'],
  401: ['Identification absente ou invalide (clé API ou session)', 'UNAUTHENTICATED', 'Clé API inconnue, expirée ou révoquée.'],
  403: ['Identifié, mais non autorisé (permission, rôle, type de partenaire, CSRF)', 'FORBIDDEN', 'Votre rôle ne permet pas cette action.'],
  404: ['Introuvable, ou hors de ce que votre organisation peut voir', 'NOT_FOUND', NOT_FOUND_MESSAGE],
  409: ['Conflit avec l’état actuel (déjà fait, état qui ne le permet pas)', 'CONFLICT', 'Impossible dans l’état actuel.'],
  413: ['Fichier ou corps trop volumineux', 'PAYLOAD_TOO_LARGE', 'Le fichier dépasse la taille permise.'],
  415: ['Type de contenu non accepté', 'UNSUPPORTED_MEDIA_TYPE', 'Envoyez le fichier en text/csv.'],
  422: [
    'Requête bien formée mais refusée (clé d’idempotence réutilisée…)',
    'IDEMPOTENCY_KEY_REUSED',
    'Cet en-tête Idempotency-Key a déjà servi pour une autre requête : envoyez une nouvelle clé pour un nouveau signalement ou événement, ou la requête d’origine à l’identique pour la rejouer.',
  ],
  429: ['Trop de requêtes : réessayez plus tard', 'TOO_MANY_REQUESTS', 'Réessayez dans quelques secondes.'],
};

/** Documents the errors a route can answer, all in the `Error` shape. */
export function ApiErrors(...statuses: number[]) {
  const ref = componentRef('Error', errorBodySchema);
  return applyDecorators(
    ...statuses.map((status) => {
      const [description, code, message] = ERROR_TEXT[status] ?? ['Erreur', 'ERROR', 'Erreur.'];
      return ApiResponse({
        status,
        description,
        content: {
          'application/json': { schema: ref, example: { statusCode: status, code, message, correlationId: '6f1c3e1a-8b6e-4d7c' } },
        },
      });
    }),
  );
}

/**
 * Documents a route's 404 with what leads to it on that route: the answer itself is the one
 * sentence every 404 carries (it must not tell what exists), so the explanation lives here.
 */
export function ApiNotFound(description: string) {
  return ApiResponse({
    status: 404,
    description,
    content: {
      'application/json': {
        schema: componentRef('Error', errorBodySchema),
        example: { statusCode: 404, code: 'NOT_FOUND', message: NOT_FOUND_MESSAGE, correlationId: '6f1c3e1a-8b6e-4d7c' },
      },
    },
  });
}

/** Documents a JSON answer with a named schema and an example. */
export function ApiAnswer(status: number, name: string, schema: ZodType, example: unknown, description = 'Réponse') {
  return ApiResponse({ status, description, content: { 'application/json': { schema: componentRef(name, schema), example } } });
}

/** Documents a JSON body with a named schema and an example. */
export function ApiJsonBody(name: string, schema: ZodType, example?: unknown) {
  return ApiBody({
    required: true,
    schema: componentRef(`${name}`, schema, 'input'),
    ...(example ? { examples: { exemple: { summary: 'Exemple', value: example } } } : {}),
  });
}
