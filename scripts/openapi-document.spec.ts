import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { idempotencyKeySchema } from '@unisson/intake';
import { passwordProblem } from '@unisson/partners';

/**
 * The committed document (kept equal to the code's by `npm run openapi:check`) says the rules the
 * server enforces: a client generated from it must not send what the server then refuses.
 */
interface Schema {
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  properties?: Record<string, Schema>;
}
interface Operation {
  parameters?: Array<{ in: string; name: string; schema?: Schema }>;
}
const document = JSON.parse(readFileSync(join(__dirname, '../docs/openapi.json'), 'utf8')) as {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
};

/** A password of `length` characters that no other rule refuses (not repetitive, not the e-mail's name). */
const passwordOf = (length: number) => Array.from({ length }, (_, i) => 'abcdefghijklmnopqrstuvwxyz0123456789'[i % 36]).join('');

describe('the OpenAPI document says what the server enforces', () => {
  it.each(['NewAccount', 'AccountChanges'])('%s.password: the lengths it allows are the ones an account takes', (name) => {
    const { minLength, maxLength } = document.components.schemas[name]!.properties!.password!;
    const email = 'agent@caf93.example.org';
    expect(passwordProblem(passwordOf(minLength!), email)).toBeNull();
    expect(passwordProblem(passwordOf(minLength! - 1), email)).toMatch(/au moins/);
    expect(passwordProblem(passwordOf(maxLength!), email)).toBeNull();
    expect(passwordProblem(passwordOf(maxLength! + 1), email)).toMatch(/au plus/);
  });

  it.each([
    ['post', '/v1/alerts'],
    ['post', '/v1/stage-events'],
    ['post', '/v1/intents'],
  ])('%s %s: the Idempotency-Key it describes is the one the server takes', (method, path) => {
    const header = document.paths[path]![method]!.parameters!.find((p) => p.in === 'header' && p.name === 'Idempotency-Key')!;
    const documented = new RegExp(header.schema!.pattern!);
    for (const key of ['e2e-alert-0001', 'court', 'avec une espace', 'a'.repeat(128), 'a'.repeat(129), 'cle:2026.11_A-1'])
      expect([key, documented.test(key)]).toEqual([key, idempotencyKeySchema.safeParse(key).success]);
  });

  it('POST /v1/households/{id}/calls: the Idempotency-Key it describes refuses what the server refuses', () => {
    const header = document.paths['/v1/households/{id}/calls']!.post!.parameters!.find((p) => p.name === 'Idempotency-Key')!;
    const documented = new RegExp(header.schema!.pattern!);
    expect(documented.test('appel-1')).toBe(true);
    expect(documented.test('a'.repeat(101))).toBe(false);
    expect(documented.test('avec une espace')).toBe(false);
  });
});
