import { jsonShapeProblem } from './json-shape';

const nested = (open: string, inner: string, close: string, levels: number) =>
  JSON.parse(open.repeat(levels) + inner + close.repeat(levels)) as unknown;

describe('the shape of a JSON body', () => {
  it.each([
    ['arrays', '[', '', ']'],
    ['objects', '{"a":', '1', '}'],
  ])('takes %s 32 levels deep and refuses 33, and 100,000, without recursion', (_, open, inner, close) => {
    expect(jsonShapeProblem(nested(open, inner, close, 32))).toBeNull();
    expect(jsonShapeProblem(nested(open, inner, close, 33))).toEqual({ field: '(body)', message: expect.stringContaining('32 niveaux') });
    expect(jsonShapeProblem(nested(open, inner, close, 100_000))).toEqual({
      field: '(body)',
      message: expect.stringContaining('32 niveaux'),
    });
  });

  it('names the key "__proto__", and where it is', () => {
    expect(jsonShapeProblem(JSON.parse('{"tenant":{"__proto__":{"admin":true}}}'))).toEqual({
      field: 'tenant',
      message: expect.stringContaining('"__proto__"'),
    });
  });

  it('names a "constructor" holding a "prototype", and lets a plain "constructor" value through', () => {
    expect(jsonShapeProblem(JSON.parse('{"constructor":{"prototype":{}}}'))).toEqual({
      field: '(body)',
      message: expect.stringContaining('"constructor"'),
    });
    expect(jsonShapeProblem({ constructor: 'Bouygues' })).toBeNull();
    expect(jsonShapeProblem({ partnerRef: 'A', tenant: { lastName: 'Martin' }, list: [1, 'a', null] })).toBeNull();
  });

  it('leaves alone what is not JSON: a CSV upload’s stream (its socket, its server… deeper than 32), a Buffer, a Date', () => {
    class Link {
      constructor(readonly next: unknown) {}
    }
    let stream: unknown = null;
    for (let i = 0; i < 40; i++) stream = new Link(stream);
    expect(jsonShapeProblem(stream)).toBeNull();
    expect(jsonShapeProblem({ file: Buffer.from('a;b'), at: new Date() })).toBeNull();
  });
});
