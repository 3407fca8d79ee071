import { TEMPLATE_KEYS } from '../domain/catalogue';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { HttpErrorFilter } from '@unisson/platform';
import { TemplatesModule } from '../templates.module';

describe('templates HTTP (catalogue, preview API, preview page)', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ imports: [TemplatesModule] }).compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter());
    app.useGlobalFilters(new HttpErrorFilter());
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });

  afterAll(async () => {
    await app.close();
  });

  it('lists every purpose with its channels, variables and one content hash per locale', async () => {
    const res = await app.inject({ method: 'GET', url: '/v1/templates' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.templates).toHaveLength(TEMPLATE_KEYS.length);
    const hearing = body.templates.find((t: { key: string }) => t.key === 'hearing_reminder');
    expect(hearing.channels).toEqual(['sms', 'email', 'letter', 'voice', 'call', 'homeVisit']);
    expect(hearing.variables.hearingDate).toBe('date');
    expect(Object.keys(hearing.versions)).toEqual(['fr', 'fr-falc', 'en', 'ar', 'es', 'pt', 'ro', 'tr']);
  });

  it('previews an Arabic SMS right to left with its segment count', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/v1/templates/hearing_reminder/preview?channel=sms&locale=ar&tone=firm&length=short&pictograms=false',
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      channel: 'sms',
      locale: 'ar',
      direction: 'rtl',
      encoding: 'UCS-2',
      variant: { tone: 'firm', length: 'short', pictograms: false },
    });
    expect(body.segments).toBeGreaterThanOrEqual(1);
    expect(body.text).toContain('STOP');
  });

  it('previews a FALC email with subject, HTML and text parts', async () => {
    const res = await app.inject({ method: 'GET', url: '/v1/templates/first_arrears_information/preview?channel=email&locale=fr-falc' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.subject).toBe('Vous avez une dette de loyer');
    expect(body.html).toContain('Que se passe-t-il ?');
    expect(body.text).toContain('Vous devez 1\u202f234,56\u00a0€ à votre propriétaire.');
  });

  it('answers 400 naming the wrong field for an unknown locale', async () => {
    const res = await app.inject({ method: 'GET', url: '/v1/templates/hearing_reminder/preview?locale=xx' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(res.json().message).toContain('locale');
  });

  it('answers 404 for an unknown template', async () => {
    const res = await app.inject({ method: 'GET', url: '/v1/templates/nope/preview' });
    expect(res.statusCode).toBe(404);
  });

  it('serves the French preview page', async () => {
    const res = await app.inject({ method: 'GET', url: '/templates/preview' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('<html lang="fr">');
    expect(res.body).toContain('Modèles de messages');
  });
});
