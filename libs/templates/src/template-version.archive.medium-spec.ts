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

  it('never rewrites an archived hash, and the database refuses to edit one in place', async () => {
    const [first] = archive.snapshots();
    await expect(dataSource.query(`UPDATE template_version SET content = '{"kept": true}' WHERE hash = $1`, [first.hash])).rejects.toThrow(
      /immutable: a changed text is a new version/,
    );
    await archive.archiveCurrentVersions();
    expect((await repository.findByHash(first.hash))!.content).toEqual(first.content);
  });

  it('refuses to delete a version a sent message used; an unused old version may go', async () => {
    const used = library.renderSync({
      templateKey: 'first_arrears_information',
      channel: 'sms',
      locale: 'fr',
      variables: library.definition('first_arrears_information').sample,
    });
    await dataSource.query(
      `INSERT INTO outbound_message (idempotency_key, household_id, signing_partner_ids, channel, purpose, template_key,
         template_version, locale, recipient, body, status, not_before)
       VALUES ('immutable-test', gen_random_uuid(), '{}', 'sms', 'rappelImpaye', 'first_arrears_information', $1, 'fr', '+33600000000', $2, 'sent', now())`,
      [used.templateVersion, used.text],
    );
    await expect(dataSource.query(`DELETE FROM template_version WHERE hash = $1`, [used.templateVersion])).rejects.toThrow(
      /used by an outbound message/,
    );
    await expect(
      dataSource.query(`UPDATE template_version SET version = version + 1 WHERE hash = $1`, [used.templateVersion]),
    ).rejects.toThrow(/immutable/);
    expect(await repository.findByHash(used.templateVersion)).not.toBeNull();
    const unused = library.version('hearing_reminder', 'ro').hash;
    await dataSource.query(`DELETE FROM template_version WHERE hash = $1`, [unused]);
    expect(await repository.findByHash(unused)).toBeNull();
  });

  it('finds the previous version of a changed text and renders it beside the current one', async () => {
    const current = library.version('hearing_reminder', 'es');
    const [snapshot] = archive.snapshots().filter((s) => s.hash === current.hash);
    const older = {
      ...snapshot,
      hash: 'older-es-hearing',
      version: current.version - 1,
      content: { ...snapshot.content, resources: { ...current.resources, sms_short: 'Traiga su citación al juzgado.' } },
    };
    await repository.archiveMissingVersions([older]);
    const previous = await repository.findPrevious('hearing_reminder', 'es', current.hash);
    expect(previous).toMatchObject({ hash: 'older-es-hearing', version: current.version - 1 });
    const old = library.archivedVersion(previous!.content as never, 'es');
    const text = old.library.renderSync({
      templateKey: 'hearing_reminder',
      channel: 'sms',
      locale: 'es',
      variant: { length: 'short' },
      variables: old.definition.sample,
    });
    expect(text.text).toContain('Traiga su citación al juzgado.');
    expect(old.hash).not.toBe(current.hash);
    expect((await repository.history('hearing_reminder', 'es')).map((h) => h.hash)).toEqual([current.hash, 'older-es-hearing']);
  });
});
