/**
 * What in a new OpenAPI document would break a client generated from the old one: a path,
 * operation or response removed, a request field newly required, a response field removed, a
 * type changed, an enum value removed. Pure; table-tested in openapi-diff.spec.ts.
 */
type Json = Record<string, unknown>;

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

function resolve(schema: unknown, doc: Json): Json {
  let s = (schema ?? {}) as Json;
  for (let i = 0; i < 10 && typeof s.$ref === 'string'; i++) {
    const name = (s.$ref as string).split('/').pop()!;
    s = (((doc.components as Json | undefined)?.schemas as Json | undefined)?.[name] ?? {}) as Json;
  }
  return s;
}

function compareSchemas(
  where: string,
  before: unknown,
  after: unknown,
  oldDoc: Json,
  newDoc: Json,
  direction: 'request' | 'response',
  out: string[],
  depth = 0,
): void {
  if (depth > 8) return;
  const a = resolve(before, oldDoc);
  const b = resolve(after, newDoc);
  if (a.type && b.type && JSON.stringify(a.type) !== JSON.stringify(b.type))
    out.push(`${where} : type ${JSON.stringify(a.type)} → ${JSON.stringify(b.type)}`);
  if (Array.isArray(a.enum) && Array.isArray(b.enum)) {
    const removed = (a.enum as unknown[]).filter((v) => !(b.enum as unknown[]).includes(v));
    const added = (b.enum as unknown[]).filter((v) => !(a.enum as unknown[]).includes(v));
    if (direction === 'request' && removed.length) out.push(`${where} : valeurs retirées ${JSON.stringify(removed)}`);
    if (direction === 'response' && added.length) out.push(`${where} : valeurs nouvelles en réponse ${JSON.stringify(added)}`);
  }
  const propsA = (a.properties ?? {}) as Json;
  const propsB = (b.properties ?? {}) as Json;
  const requiredA = new Set((a.required as string[] | undefined) ?? []);
  const requiredB = new Set((b.required as string[] | undefined) ?? []);
  if (direction === 'request') {
    for (const name of requiredB) if (!requiredA.has(name)) out.push(`${where}.${name} : devenu obligatoire`);
    if (a.additionalProperties !== false && b.additionalProperties === false) {
      /* closing a schema may refuse fields clients used to send */
      for (const name of Object.keys(propsA)) if (!(name in propsB)) out.push(`${where}.${name} : champ retiré (refusé désormais)`);
    }
  } else {
    for (const name of Object.keys(propsA)) if (!(name in propsB)) out.push(`${where}.${name} : champ retiré de la réponse`);
    for (const name of requiredA) if (!requiredB.has(name) && name in propsB) out.push(`${where}.${name} : n’est plus toujours présent`);
  }
  for (const name of Object.keys(propsA)) {
    if (name in propsB) compareSchemas(`${where}.${name}`, propsA[name], propsB[name], oldDoc, newDoc, direction, out, depth + 1);
  }
  if (a.items && b.items) compareSchemas(`${where}[]`, a.items, b.items, oldDoc, newDoc, direction, out, depth + 1);
}

function jsonSchemaOf(container: unknown): unknown {
  return ((container as Json | undefined)?.content as Json | undefined)?.['application/json']
    ? (((container as Json).content as Json)['application/json'] as Json).schema
    : undefined;
}

export function breakingChanges(oldDoc: Json, newDoc: Json): string[] {
  const out: string[] = [];
  const oldPaths = (oldDoc.paths ?? {}) as Record<string, Json>;
  const newPaths = (newDoc.paths ?? {}) as Record<string, Json>;
  for (const [path, oldItem] of Object.entries(oldPaths)) {
    const newItem = newPaths[path];
    for (const method of METHODS) {
      const before = oldItem[method] as Json | undefined;
      if (!before) continue;
      const op = `${method.toUpperCase()} ${path}`;
      const after = newItem?.[method] as Json | undefined;
      if (!after) {
        out.push(`${op} : opération retirée`);
        continue;
      }
      const oldParams = ((before.parameters ?? []) as Json[]).map((p) => `${p.in}:${p.name}`);
      for (const p of (after.parameters ?? []) as Json[]) {
        if (p.required && !oldParams.includes(`${p.in}:${p.name}`)) out.push(`${op} : paramètre ${p.name} nouveau et obligatoire`);
      }
      const oldBody = jsonSchemaOf(before.requestBody);
      const newBody = jsonSchemaOf(after.requestBody);
      if (oldBody && newBody) compareSchemas(`${op} corps`, oldBody, newBody, oldDoc, newDoc, 'request', out);
      else if (!oldBody && newBody && (after.requestBody as Json).required) out.push(`${op} : corps désormais obligatoire`);
      const oldResponses = (before.responses ?? {}) as Json;
      const newResponses = (after.responses ?? {}) as Json;
      for (const [status, response] of Object.entries(oldResponses)) {
        if (!status.startsWith('2')) continue;
        if (!(status in newResponses)) {
          out.push(`${op} : réponse ${status} retirée`);
          continue;
        }
        const a = jsonSchemaOf(response);
        const b = jsonSchemaOf(newResponses[status]);
        if (a && b) compareSchemas(`${op} ${status}`, a, b, oldDoc, newDoc, 'response', out);
      }
    }
  }
  return out;
}
