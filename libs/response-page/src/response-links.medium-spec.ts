import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '@unisson/config';
import { dataSourceOptions } from '@unisson/database';
import { unissonSchema } from '@unisson/database/schema';
import { createIsolatedDatabase, type IsolatedDatabase } from '../../../test/support/isolated-database';
import { ResponseLinkRequestError, ResponseLinks } from './response-links';
import { ResponseLinksRepository } from './response-links.repository';

let database: IsolatedDatabase;
let dataSource: DataSource;
let links: ResponseLinks;
let householdId: string;
const config = loadConfig({
  PUBLIC_BASE_URL: 'https://unisson.example.fr/',
  APP_SECRET: 'medium-test-secret-0123456789',
  RESPONSE_LINK_TTL_DAYS: '30',
});

beforeAll(async () => {
  database = await createIsolatedDatabase('response_links');
  dataSource = new DataSource(dataSourceOptions(database.url, unissonSchema, { poolSize: 4 }));
  await dataSource.initialize();
  links = new ResponseLinks(new ResponseLinksRepository(dataSource), config);
  const [row] = (await dataSource.query(`INSERT INTO household (territory) VALUES ('93') RETURNING id`)) as Array<{ id: string }>;
  householdId = row.id;
});

afterAll(async () => {
  await dataSource?.destroy();
  await database?.drop();
});

describe('ResponseLinks (real Postgres)', () => {
  it('issues an unguessable link under the public address, readable by its token and by its tracking code', async () => {
    const messageId = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
    const issued = await links.issue({ householdId, messageId, purpose: 'rappelImpaye', locale: 'ar' });
    expect(issued.url).toBe(`https://unisson.example.fr/r/${issued.token}`);
    expect(issued.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(issued.shortCodeDisplay).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]$/);
    const days = (issued.expiresAt.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThan(30.1);

    const resolved = await links.resolve(issued.token);
    expect(resolved).toMatchObject({
      status: 'valid',
      link: { householdId, messageId, purpose: 'rappelImpaye', locale: 'ar', viaNotice: false },
    });
    const typed = await links.byShortCode(issued.shortCodeDisplay.toLowerCase().replace(/-/g, ' '));
    expect(typed?.messageId).toBe(messageId);
    // The token itself is not in the table.
    const stored = JSON.stringify(await dataSource.query(`SELECT * FROM response_link`));
    expect(stored).not.toContain(issued.token);
  });

  it('gives the same link twice for one message, even when both are asked at once', async () => {
    const messageId = '2b1f3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
    const request = { householdId, messageId, purpose: 'assignation', locale: 'fr' };
    const [a, b, c] = await Promise.all([links.issue(request), links.issue(request), links.issue(request)]);
    expect(new Set([a.token, b.token, c.token]).size).toBe(1);
    expect(new Set([a.shortCode, b.shortCode, c.shortCode]).size).toBe(1);
    const [{ count }] = (await dataSource.query(`SELECT count(*)::int AS count FROM response_link WHERE message_id = $1`, [
      messageId,
    ])) as Array<{
      count: number;
    }>;
    expect(count).toBe(1);
    // Another message of the same household gets its own link.
    const other = await links.issue({ ...request, messageId: '3c2f3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d' });
    expect(other.token).not.toBe(a.token);
  });

  it('issues shared-notice links per household and stage, and anonymous ones per stage, territory and language', async () => {
    const notice = { householdId, purpose: 'notice', locale: 'fr', stage: 'assignation', territory: '93' };
    const first = await links.issue(notice);
    expect((await links.issue(notice)).token).toBe(first.token);
    expect((await links.issue({ ...notice, stage: 'audience' })).token).not.toBe(first.token);
    const anonymous = await links.issue({ purpose: 'notice', locale: 'fr', stage: 'assignation', territory: '93' });
    expect(anonymous.token).not.toBe(first.token);
    expect((await links.issue({ purpose: 'notice', locale: 'fr', stage: 'assignation', territory: '93' })).token).toBe(anonymous.token);
    expect((await links.issue({ purpose: 'notice', locale: 'ar', stage: 'assignation', territory: '93' })).token).not.toBe(anonymous.token);
    const resolved = await links.resolve(anonymous.token);
    expect(resolved).toMatchObject({
      status: 'valid',
      link: { householdId: null, viaNotice: true, stage: 'assignation', territory: '93' },
    });
  });

  it('says expired for an expired link and unknown for a made-up or altered token', async () => {
    const issued = await links.issue({ householdId, purpose: 'rappelImpaye', locale: 'fr', expiresAt: new Date(Date.now() + 60_000) });
    expect((await links.resolve(issued.token, new Date(Date.now() + 120_000))).status).toBe('expired');
    expect((await links.resolve(issued.token.replace(/^./, (ch) => (ch === 'x' ? 'y' : 'x')))).status).toBe('unknown');
    expect((await links.resolve('not-a-token')).status).toBe('unknown');
    expect(await links.byShortCode('0000-0000-0')).toBeNull();
    expect(await links.byShortCode('nonsense')).toBeNull();
  });

  it('refuses a request with the field named and writes nothing', async () => {
    const before = (await dataSource.query(`SELECT count(*)::int AS n FROM response_link`)) as Array<{ n: number }>;
    await expect(links.issue({ purpose: 'rappelImpaye', locale: 'fr' })).rejects.toThrow(ResponseLinkRequestError);
    await expect(links.issue({ householdId, purpose: 'rappelImpaye', locale: 'fr', messageId: 'nope' })).rejects.toThrow(/messageId/);
    const after = (await dataSource.query(`SELECT count(*)::int AS n FROM response_link`)) as Array<{ n: number }>;
    expect(after[0].n).toBe(before[0].n);
  });
});
