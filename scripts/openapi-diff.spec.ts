import { breakingChanges } from './openapi-diff';

const doc = (paths: Record<string, unknown>, schemas: Record<string, unknown> = {}) => ({ paths, components: { schemas } });
const op = (responseSchema: unknown, body?: unknown) => ({
  ...(body ? { requestBody: { required: true, content: { 'application/json': { schema: body } } } } : {}),
  responses: { '200': { content: { 'application/json': { schema: responseSchema } } } },
});
const obj = (properties: Record<string, unknown>, required: string[] = []) => ({ type: 'object', properties, required });

describe('breaking changes between two OpenAPI documents', () => {
  const before = doc(
    { '/v1/a': { get: op({ $ref: '#/components/schemas/A' }), post: op(obj({}), obj({ x: { type: 'string' } }, [])) } },
    { A: obj({ id: { type: 'string' }, n: { type: 'integer' }, s: { type: 'string', enum: ['a', 'b'] } }, ['id']) },
  );

  it('finds nothing when only things are added', () => {
    const after = doc(
      {
        '/v1/a': { get: op({ $ref: '#/components/schemas/A' }), post: op(obj({}), obj({ x: { type: 'string' }, y: { type: 'string' } })) },
        '/v1/b': { get: op(obj({})) },
      },
      {
        A: obj({ id: { type: 'string' }, n: { type: 'integer' }, s: { type: 'string', enum: ['a', 'b'] }, extra: { type: 'string' } }, [
          'id',
        ]),
      },
    );
    expect(breakingChanges(before, after)).toEqual([]);
  });

  it('finds a removed operation, a removed or retyped response field, a new required request field', () => {
    const after = doc(
      { '/v1/a': { get: op({ $ref: '#/components/schemas/A' }), post: op(obj({}), obj({ x: { type: 'string' } }, ['x'])) } },
      { A: obj({ id: { type: 'integer' }, s: { type: 'string', enum: ['a', 'b', 'c'] } }, ['id']) },
    );
    expect(breakingChanges(before, after)).toEqual([
      'GET /v1/a 200.n : champ retiré de la réponse',
      'GET /v1/a 200.id : type "string" → "integer"',
      'GET /v1/a 200.s : valeurs nouvelles en réponse ["c"]',
      'POST /v1/a corps.x : devenu obligatoire',
    ]);
    expect(breakingChanges(before, doc({}))).toEqual(['GET /v1/a : opération retirée', 'POST /v1/a : opération retirée']);
  });
});
