import Fastify from 'fastify';
import { addSecurityHeaders } from './security-headers';

describe('the headers every page carries', () => {
  const app = Fastify();
  addSecurityHeaders(app);
  app.get('/connexion', async (_request, reply) => reply.type('text/html; charset=utf-8').send('<form method="post"></form>'));
  app.get('/r/x', async (_request, reply) =>
    reply.type('text/html; charset=utf-8').header('content-security-policy', "default-src 'none'").send('<p>page</p>'),
  );
  app.get('/v1/x', async () => ({ ok: true }));
  afterAll(() => app.close());

  it('forbids framing a page (no clickjacking of the sign-in or admin forms) and keeps a page’s own policy', async () => {
    const page = await app.inject({ url: '/connexion' });
    expect(page.headers['content-security-policy']).toBe("frame-ancestors 'none'");
    expect(page.headers['x-frame-options']).toBe('DENY');
    const own = await app.inject({ url: '/r/x' });
    expect(own.headers['content-security-policy']).toBe("default-src 'none'");
    expect(own.headers['x-frame-options']).toBe('DENY');
  });

  it('tells browsers to take every answer as the type it says', async () => {
    const json = await app.inject({ url: '/v1/x' });
    expect(json.headers['x-content-type-options']).toBe('nosniff');
    expect(json.headers['x-frame-options']).toBeUndefined();
  });
});
