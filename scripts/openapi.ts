/**
 * The OpenAPI document integrators generate their clients from, committed as docs/openapi.json.
 *   npm run openapi:update   regenerate it from the code (after adding or changing a route)
 *   npm run openapi:check    fail when the code's document differs from the committed one (CI),
 *                            listing the changes that would break an existing client
 * Generated without a database or Redis (Nest's preview mode builds no provider).
 */
import 'reflect-metadata';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { NestFactory } from '@nestjs/core';
import { readFileSync, writeFileSync } from 'node:fs';
import { ApiModule } from '../apps/api/src/app.module';
import { buildOpenApiDocument } from '../apps/api/src/openapi';
import { loadConfig } from '@unisson/config';
import { breakingChanges } from './openapi-diff';

const FILE = 'docs/openapi.json';

function stable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stable);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, stable(v)]),
    );
  }
  return value;
}

export async function generateOpenApi(): Promise<Record<string, unknown>> {
  const app = await NestFactory.create(ApiModule.forRoot(loadConfig({ LOG_LEVEL: 'silent' })), new FastifyAdapter(), {
    preview: true,
    logger: false,
    abortOnError: false,
  });
  const document = buildOpenApiDocument(app);
  await app.close().catch(() => undefined);
  return stable(document) as Record<string, unknown>;
}

async function main(): Promise<void> {
  const text = `${JSON.stringify(await generateOpenApi(), null, 2)}\n`;
  if (process.argv.includes('--write')) {
    writeFileSync(FILE, text);
    console.error(`${FILE} écrit (${Object.keys((JSON.parse(text) as { paths: object }).paths).length} chemins).`);
    return;
  }
  let committed = '';
  try {
    committed = readFileSync(FILE, 'utf8');
  } catch {
    console.error(`${FILE} est absent : lancez « npm run openapi:update » et committez-le.`);
    process.exit(1);
  }
  if (committed === text) {
    console.error(`${FILE} est à jour.`);
    return;
  }
  const breaking = breakingChanges(JSON.parse(committed), JSON.parse(text));
  console.error(`${FILE} ne correspond plus au code.`);
  if (breaking.length) {
    console.error(`Changements qui casseraient un client existant (${breaking.length}) :\n${breaking.map((b) => `  - ${b}`).join('\n')}`);
    console.error('Si c’est voulu, annoncez-le aux intégrateurs (nouvelle version), puis lancez « npm run openapi:update » et committez.');
  } else {
    console.error('Aucun changement cassant (ajouts seulement) : lancez « npm run openapi:update » et committez docs/openapi.json.');
  }
  process.exit(1);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
