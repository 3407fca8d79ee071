import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePlaybook } from '../domain/playbook.schema';
import { PLAYBOOK_DIRECTORY, PlaybookCatalog } from './playbook-catalog';

/** A playbook as parsed from YAML, before validation: the tests break it on purpose. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type RawPlaybook = Record<string, any>;

const raw93 = (): Record<string, unknown> =>
  JSON.parse(readFileSync(join(PLAYBOOK_DIRECTORY, '93-seine-saint-denis.json'), 'utf8')) as Record<string, unknown>;

describe('PlaybookCatalog', () => {
  it('loads and validates the three territories', () => {
    const catalog = PlaybookCatalog.load();
    expect(
      catalog
        .all()
        .map((p) => p.territory)
        .sort(),
    ).toEqual(['38', '91', '93']);
    for (const playbook of catalog.all()) {
      expect(playbook.legalDelays.every((d) => d.source.length > 10 && d.appliesFrom)).toBe(true);
      expect(playbook.holidays.alsaceMoselle).toBe(false);
    }
  });

  it('encodes both CAF arrears regimes, switching on 1 January 2027', () => {
    const playbook = PlaybookCatalog.load().forTerritory('93', '2026-12-01');
    const regimes = playbook.legalDelays.filter((d) => d.id === 'cafArrearsConstitution');
    expect(regimes.map((d) => [d.appliesFrom, d.appliesUntil])).toEqual([
      ['2016-10-01', '2026-12-31'],
      ['2027-01-01', null],
    ]);
  });

  it('refuses a territory without a playbook with a message saying what to do', () => {
    expect(() => PlaybookCatalog.load().forTerritory('75', '2026-12-01')).toThrow(/ajoutez-en un/);
  });

  it.each([
    [
      'a legal delay without its source',
      (p: RawPlaybook) => {
        p.legalDelays[0].source = '';
      },
      /source/,
    ],
    [
      'an unknown anchor',
      (p: RawPlaybook) => {
        p.purposes[0].sequence[0].anchor = 'nulle part';
      },
      /ancre inconnue/,
    ],
    [
      'a legal purpose starting with an SMS',
      (p: RawPlaybook) => {
        p.purposes.find((x: RawPlaybook) => x.legal).sequence[0].channel = 'sms';
      },
      /un objet légal commence/,
    ],
    [
      'an unknown time zone',
      (p: RawPlaybook) => {
        p.timeZone = 'Europe/Nulle-Part';
      },
      /fuseau/,
    ],
    [
      'a merge group spanning two stages',
      (p: RawPlaybook) => {
        p.purposes[0].mergeGroup = p.purposes[p.purposes.length - 1].mergeGroup;
      },
      /mélange deux étapes/,
    ],
  ])('rejects %s', (_label, mutate, message) => {
    const raw = raw93();
    mutate(raw);
    expect(() => parsePlaybook(raw, '93.json')).toThrow(message);
  });
});
