/**
 * Extracts from Twilio's OpenAPI description the operations the provider sandbox implements,
 * with the component schemas they reference, into twilio-oai/twilio_api_v2010.subset.json.
 * Descriptions and examples are dropped; schemas are kept verbatim.
 *
 *   node -r @swc-node/register infra/provider-sandbox/extract-oai-subset.ts [path/to/twilio-oai]
 *
 * Default source: ../shared/twilio-oai beside the repository (twilio/twilio-oai, MIT).
 */
import { chmodSync, copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const OPERATIONS: Record<string, string[]> = {
  '/2010-04-01/Accounts/{AccountSid}/Messages.json': ['post', 'get'],
  '/2010-04-01/Accounts/{AccountSid}/Messages/{Sid}.json': ['get'],
  '/2010-04-01/Accounts/{AccountSid}/Calls.json': ['post'],
  '/2010-04-01/Accounts/{AccountSid}/Calls/{Sid}.json': ['get'],
};
const DROPPED_KEYS = new Set(['description', 'examples', 'example', 'x-twilio', 'x-maturity']);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function strip(value: Json): Json {
  if (Array.isArray(value)) return value.map(strip);
  if (value && typeof value === 'object') {
    const out: Record<string, Json> = {};
    for (const [key, child] of Object.entries(value))
      if (!DROPPED_KEYS.has(key)) out[key] = strip(child);
    return out;
  }
  return value;
}

function collectRefs(value: Json, into: Set<string>): void {
  if (Array.isArray(value)) value.forEach((v) => collectRefs(v, into));
  else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string')
        into.add(child.replace('#/components/schemas/', ''));
      else collectRefs(child, into);
    }
  }
}

function main(): void {
  const repoRoot = resolve(__dirname, '..', '..');
  const source = resolve(process.argv[2] ?? join(repoRoot, '..', 'shared', 'twilio-oai'));
  const target = join(__dirname, 'twilio-oai');
  const spec = JSON.parse(readFileSync(join(source, 'twilio_api_v2010.json'), 'utf8')) as {
    openapi: string;
    info: Json;
    servers: Json;
    security: Json;
    components: { securitySchemes: Json; schemas: Record<string, Json> };
    paths: Record<string, Record<string, Json>>;
  };
  const paths: Record<string, Record<string, Json>> = {};
  for (const [path, methods] of Object.entries(OPERATIONS)) {
    const item = spec.paths[path];
    if (!item)
      throw new Error(`${path} is missing from ${source}: is this the right twilio-oai checkout?`);
    paths[path] = Object.fromEntries(methods.map((m) => [m, strip(item[m] ?? null)]));
  }
  const wanted = new Set<string>();
  collectRefs(paths as Json, wanted);
  const schemas: Record<string, Json> = {};
  const queue = [...wanted];
  while (queue.length > 0) {
    const name = queue.pop() as string;
    if (schemas[name] !== undefined) continue;
    const schema = spec.components.schemas[name];
    if (schema === undefined) throw new Error(`schema ${name} not found`);
    schemas[name] = strip(schema);
    const nested = new Set<string>();
    collectRefs(schemas[name], nested);
    queue.push(...[...nested].filter((n) => schemas[n] === undefined));
  }
  const subset = {
    openapi: spec.openapi,
    info: spec.info,
    servers: spec.servers,
    security: spec.security,
    'x-unisson-subset': `Extracted by infra/provider-sandbox/extract-oai-subset.ts from twilio/twilio-oai (MIT, see LICENSE): ${Object.keys(OPERATIONS).length} paths.`,
    components: { securitySchemes: spec.components.securitySchemes, schemas },
    paths,
  };
  writeFileSync(
    join(target, 'twilio_api_v2010.subset.json'),
    `${JSON.stringify(subset, null, 2)}\n`,
  );
  copyFileSync(join(source, 'LICENSE'), join(target, 'LICENSE'));
  chmodSync(join(target, 'LICENSE'), 0o644);
  process.stderr.write(
    `wrote ${Object.keys(paths).length} paths and ${Object.keys(schemas).length} schemas to ${target}\n`,
  );
}

main();
