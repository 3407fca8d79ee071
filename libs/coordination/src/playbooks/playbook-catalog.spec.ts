import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEPARTEMENTS } from '@unisson/vocabulary';
import { parseLocalPlaybook, parsePlaybook } from '../domain/playbook.schema';
import { PLAYBOOK_DIRECTORY, PlaybookCatalog } from './playbook-catalog';

/** A playbook as read from its file, before validation: the tests break it on purpose. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type RawPlaybook = Record<string, any>;

const rawFile = (file: string): RawPlaybook => JSON.parse(readFileSync(join(PLAYBOOK_DIRECTORY, file), 'utf8')) as RawPlaybook;
/** The 31 purposes the local playbooks of 93, 38 and 91 had before the national playbook. */
const LOCAL_PURPOSES = [
  'rappelImpaye',
  'offreTravailleurSocialBailleur',
  'informationSosLoyersImpayes',
  'avisSignalementCaf',
  'decisionAideLogement',
  'offreTravailleurSocialCaf',
  'protocoleTripartite',
  'saisineCcapexInformation',
  'recommandationClil',
  'miseADisposition',
  'commandementDePayer',
  'lettrePreventionCcapex',
  'offreServiceSocialCommandement',
  'informationJuridiqueAdil',
  'rappelFinDelaiCommandement',
  'assignation',
  'annonceDiagnostic',
  'propositionEntretienDiagnostic',
  'allerVersEquipeMobile',
  'rappelAudience',
  'aideJuridictionnelle',
  'suiviAudience',
  'significationJugement',
  'explicationJugement',
  'rappelEcheancier',
  'commandementDeQuitterLesLieux',
  'lettrePrefectureDalo',
  'offreRelogement',
  'convocationEnquete',
  'dernierContactSocial',
  'hebergementUrgence',
];

describe('PlaybookCatalog', () => {
  const catalog = PlaybookCatalog.load();

  it('has the national rules and three départements of its own; every département gets a validated playbook', () => {
    expect(catalog.localTerritories()).toEqual(['38', '91', '93']);
    for (const territory of DEPARTEMENTS) {
      const playbook = catalog.forTerritory(territory, '2026-12-01');
      expect(playbook.territory).toBe(territory);
      expect(playbook.legalDelays.every((d) => d.source.length > 10 && d.appliesFrom)).toBe(true);
    }
    expect(catalog.forTerritory('971', '2026-12-01').timeZone).toBe('America/Guadeloupe');
    expect(catalog.forTerritory('976', '2026-12-01').timeZone).toBe('Indian/Mayotte');
    expect(catalog.forTerritory('2A', '2026-12-01').timeZone).toBe('Europe/Paris');
  });

  it('reuses the local playbooks’ purposes nationally, plus the two new messages only', () => {
    const national = rawFile('00-national.json').purposes.map((p: RawPlaybook) => p.id);
    expect(national.filter((id: string) => !LOCAL_PURPOSES.includes(id)).sort()).toEqual([
      'accompagnementCafCommandement',
      'informationTreveHivernale',
    ]);
  });

  it('encodes both CAF arrears regimes as amounts and dates, switching on 1 January 2027', () => {
    const playbook = catalog.forTerritory('75', '2026-12-01');
    expect(playbook.cafArrears.map((r) => [r.appliesFrom, r.appliesUntil, r.rule.kind])).toEqual([
      ['2016-10-01', '2026-12-31', 'rentMultiple'],
      ['2027-01-01', null, 'debtOrDuration'],
    ]);
  });

  it('refuses a code that is no département with a message saying what is expected', () => {
    expect(() => catalog.forTerritory('20', '2026-12-01')).toThrow(/code d’un département/);
    expect(() => catalog.forTerritory('975', '2026-12-01')).toThrow(/971 à 974 ou 976/);
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
    [
      'a legal delay counted from the day Unisson learned of the act',
      (p: RawPlaybook) => {
        p.anchors[0].from = 'stageEnteredAt';
      },
      /court à partir de la date de l'acte/,
    ],
  ])('rejects %s', (_label, mutate, message) => {
    const raw = rawFile('00-national.json');
    mutate(raw);
    expect(() => parsePlaybook(raw, '00-national.json')).toThrow(message);
  });

  it('rejects a local playbook that does not extend the national rules', () => {
    const raw = rawFile('91-essonne.json');
    delete raw.extends;
    expect(() => parseLocalPlaybook(raw, '91-essonne.json')).toThrow(/extends/);
  });

  it.each(['975', '20', '96', '988'])('rejects a playbook written for %s, which is no département', (territory) => {
    expect(() => parseLocalPlaybook({ ...rawFile('91-essonne.json'), territory }, '91-essonne.json')).toThrow(/971 à 974 ou 976/);
    expect(() => parsePlaybook({ ...rawFile('00-national.json'), territory }, '00-national.json')).toThrow(/territory/);
  });
});

describe('the purposes as partners read them in the plan', () => {
  it.each(['93', '38', '91', '75'])('in %s, the hearing reminder says what to bring in grammatical French', (territory) => {
    const reminder = PlaybookCatalog.load()
      .forTerritory(territory, '2026-12-01')
      .purposes.find((p) => p.id === 'rappelAudience');
    expect(reminder?.label).toBe("Rappel de l'audience : venir, ce qu'il faut apporter, payer le loyer du mois");
  });
});
