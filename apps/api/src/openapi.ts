import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { registeredComponents } from '@unisson/platform';

/**
 * The OpenAPI document, generated from the routes' decorators and the zod schemas they name.
 * Committed as docs/openapi.json and compared in CI (`npm run openapi:check`).
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Unisson API')
      .setDescription(
        'Unisson coordonne les messages des partenaires de la prévention des expulsions vers chaque foyer.\n\n' +
          '**Authentification.** Les systèmes des partenaires présentent une clé API `uk_<préfixe>_<secret>` dans ' +
          '`Authorization: Bearer …` (ou `X-Api-Key`). Elle est émise par un administrateur Unisson, affichée une seule fois, ' +
          'porte des permissions (scopes) et se renouvelle avec une période de recouvrement. Les personnes (administrateurs, agents) ' +
          'ouvrent une session (`POST /v1/sessions`, cookie `unisson_session`) et renvoient `X-CSRF-Token` sur toute requête qui modifie.\n\n' +
          '**Erreurs.** Toujours `{statusCode, code, message, correlationId}` ; une 404 sur la ressource d’un autre partenaire ne dit pas si elle existe.',
      )
      .setVersion('1')
      .addBearerAuth(
        {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'uk_<préfixe 8>_<secret>',
          description:
            'Clé API d’un partenaire (machine à machine), émise par un administrateur Unisson. Envoyée dans Authorization: Bearer, ou dans l’en-tête X-Api-Key.',
        },
        'api-key',
      )
      .addCookieAuth(
        'unisson_session',
        {
          type: 'apiKey',
          in: 'cookie',
          description: 'Session d’une personne (POST /v1/sessions) ; ajoutez X-CSRF-Token sur les requêtes qui modifient.',
        },
        'session',
      )
      .build(),
    { operationIdFactory: (controllerKey: string, methodKey: string) => `${controllerKey.replace(/Controller$/, '')}_${methodKey}` },
  );
  document.components = { ...document.components, schemas: { ...(document.components?.schemas ?? {}), ...registeredComponents() } };
  return document;
}
