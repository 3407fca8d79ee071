import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@unisson/database';
import { unissonSchema } from '@unisson/database/schema';
import { createIsolatedDatabase, type IsolatedDatabase } from '../../../test/support/isolated-database';
import { LOCALES, TEMPLATE_KEYS } from './domain/catalogue';
import { TemplateLibrary } from './library/template-library';
import { TemplateVersionArchive } from './template-version.archive';
import { TemplateVersionRepository } from './template-version.repository';

let database: IsolatedDatabase;
let dataSource: DataSource;
let archive: TemplateVersionArchive;
let repository: TemplateVersionRepository;
const library = TemplateLibrary.load();

beforeAll(async () => {
  database = await createIsolatedDatabase('templates');
  dataSource = new DataSource(dataSourceOptions(database.url, unissonSchema, { poolSize: 2 }));
  await dataSource.initialize();
  repository = new TemplateVersionRepository(dataSource);
  archive = new TemplateVersionArchive(library, repository);
});

afterAll(async () => {
  await dataSource?.destroy();
  await database?.drop();
});

describe('TemplateVersionArchive (real Postgres)', () => {
  it('archives every template x locale once, then nothing on the next start', async () => {
    expect(await archive.archiveCurrentVersions()).toBe(TEMPLATE_KEYS.length * LOCALES.length);
    expect(await archive.archiveCurrentVersions()).toBe(0);
  });

  it('resolves the hash a message carries to the exact text that was sent', async () => {
    const message = library.renderSync({
      templateKey: 'hearing_reminder',
      channel: 'sms',
      locale: 'tr',
      variables: library.definition('hearing_reminder').sample,
    });
    const row = await repository.findByHash(message.templateVersion);
    expect(row).toMatchObject({ templateKey: 'hearing_reminder', locale: 'tr', version: library.definition('hearing_reminder').version });
    const resources = (row!.content as { resources: Record<string, string> }).resources;
    expect(resources.sms_short).toBe(library.version('hearing_reminder', 'tr').resources.sms_short);
  });

  it('never rewrites an archived hash', async () => {
    const [first] = archive.snapshots();
    await dataSource.query(`UPDATE template_version SET content = '{"kept": true}' WHERE hash = $1`, [first.hash]);
    await archive.archiveCurrentVersions();
    expect((await repository.findByHash(first.hash))!.content).toEqual({ kept: true });
  });
});
