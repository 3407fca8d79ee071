import { publishedCount, publishedRate } from './disclosure';
import { hiddenInPartition, SMALL_CELL } from './small-cells';

/**
 * The indicators of the Seine-Saint-Denis charter for the prevention of evictions (annex 5),
 * in its numbering: those Unisson's events feed, how, and for the others what data would feed
 * them. `O` numbers are the charter's objectives table, the others its indicators table.
 */
export type CharterSource =
  | { stageEvent: string; sector?: 'social' | 'prive' }
  | { response: string; sector?: 'social' | 'prive' }
  | { purpose: string }
  | { ratio: [string, string] }
  | { afterCcapex: string };

export interface CharterIndicator {
  number: string;
  label: string;
  producer: string;
  /** How Unisson feeds it; null: not fed. */
  source: CharterSource | null;
  /** What the figure counts exactly, or, when not fed, what data would feed it. */
  note: string;
}

const NOT_FED = null;

export const CHARTER_INDICATORS: readonly CharterIndicator[] = [
  {
    number: 'O1',
    label: 'Taux de décisions contradictoires',
    producer: 'Dihal',
    source: NOT_FED,
    note: 'Décisions du tribunal (contradictoire ou non) : un flux du ministère de la Justice.',
  },
  {
    number: 'O2',
    label: 'Taux de décisions conditionnelles (octroi de délais)',
    producer: 'Dihal',
    source: NOT_FED,
    note: 'Dispositif des jugements (délais accordés) : le commissaire de justice pourrait le joindre à l’événement « jugement ».',
  },
  {
    number: 'O3',
    label: 'Rapport expulsions accordées sur assignations',
    producer: 'DRIHL région / P93',
    source: { ratio: ['cfp_accorde', 'assignation'] },
    note: 'CFP accordés rapportés aux assignations signalées sur la période.',
  },
  {
    number: 'O4',
    label: 'Nombre de commandements de quitter les lieux (CQL)',
    producer: 'DRIHL région / P93',
    source: { stageEvent: 'commandement_de_quitter_les_lieux' },
    note: 'Foyers dont un CQL a été signalé à Unisson.',
  },
  {
    number: 'O5',
    label: 'Nombre d’expulsions réalisées',
    producer: 'DRIHL région / P93',
    source: { response: 'evicted' },
    note: 'Expulsions signalées par les partenaires (issue « expulsé »).',
  },
  {
    number: '1',
    label: 'Nombre et évolution des allocataires APL/AL',
    producer: 'Caf 93',
    source: NOT_FED,
    note: 'Statistiques d’allocataires de la Caf (hors Unisson).',
  },
  {
    number: '2',
    label: 'Nombre de demandeurs de logement social',
    producer: 'DRIHL 93',
    source: NOT_FED,
    note: 'Système national d’enregistrement (SNE).',
  },
  { number: '3', label: 'Part du parc locatif social', producer: 'DRIHL 93', source: NOT_FED, note: 'RPLS et recensement (Insee).' },
  { number: '4', label: 'Part du parc locatif privé', producer: 'DRIHL 93', source: NOT_FED, note: 'Recensement (Insee).' },
  {
    number: '5',
    label: 'Nombre de ménages reconnus DALO',
    producer: 'DRIHL 93',
    source: NOT_FED,
    note: 'Décisions des commissions de médiation DALO (InfoDALO).',
  },
  { number: '6', label: 'Nombre de bénéficiaires du RSA', producer: 'CD93', source: NOT_FED, note: 'Statistiques RSA du Département.' },
  {
    number: '7',
    label: 'Nombre de signalements de ménages en impayés précoces',
    producer: 'Caf 93',
    source: { stageEvent: 'premier_impaye' },
    note: 'Impayés précoces signalés à Unisson par les bailleurs (alertes de premier impayé).',
  },
  {
    number: '8',
    label: 'Nombre de commandements de payer reçus',
    producer: 'DRIHL 93',
    source: { stageEvent: 'commandement_de_payer' },
    note: 'Commandements de payer signalés par les commissaires de justice.',
  },
  {
    number: '9',
    label: 'Nombre d’assignations reçues (tous motifs)',
    producer: 'DRIHL 93, CD 93',
    source: { stageEvent: 'assignation' },
    note: 'Assignations signalées (motif impayé seulement : Unisson ne suit que les impayés).',
  },
  {
    number: '10',
    label: 'Nombre de CQL reçus',
    producer: 'DRIHL 93',
    source: { stageEvent: 'commandement_de_quitter_les_lieux' },
    note: 'CQL signalés.',
  },
  {
    number: '11',
    label: 'Nombre de réquisitions du concours de la force publique',
    producer: 'P93',
    source: { stageEvent: 'cfp_demande' },
    note: 'Demandes de CFP signalées.',
  },
  {
    number: '12',
    label: 'Part des ménages DALO au stade de la réquisition du CFP',
    producer: 'P93',
    source: NOT_FED,
    note: 'La reconnaissance DALO du ménage (InfoDALO) rapprochée des CFP.',
  },
  {
    number: '13',
    label: 'Nombre de CFP accordés',
    producer: 'P93',
    source: { stageEvent: 'cfp_accorde' },
    note: 'CFP accordés signalés par la préfecture.',
  },
  {
    number: '14',
    label: 'Nombre d’expulsions réalisées dans le parc privé',
    producer: 'P93',
    source: { response: 'evicted', sector: 'prive' },
    note: 'Issue « expulsé » signalée, parc privé.',
  },
  {
    number: '15',
    label: 'Nombre d’expulsions réalisées dans le parc social',
    producer: 'P93',
    source: { response: 'evicted', sector: 'social' },
    note: 'Issue « expulsé » signalée, parc social.',
  },
  {
    number: '16',
    label: 'Nombre de fiches SI-SIAO suite procédure d’expulsion',
    producer: 'IL93',
    source: NOT_FED,
    note: 'Demandes SI-SIAO : un événement du SIAO rattaché au foyer.',
  },
  {
    number: '17',
    label: 'Nombre de RV du service social pour des questions liées au logement',
    producer: 'SSD du CD93',
    source: { response: 'dsf_appointment_booked' },
    note: 'Partiel : rendez-vous DSF pris signalés à Unisson, pas les autres rendez-vous du service social.',
  },
  {
    number: '18',
    label: 'Nombre de demandes au titre du FSL maintien',
    producer: 'SSOLOG du CD93',
    source: NOT_FED,
    note: 'Unisson reçoit les aides FSL accordées, pas les demandes : un événement « demande FSL » les nourrirait.',
  },
  {
    number: '19',
    label: 'Ménages ayant bénéficié d’un diagnostic social par la Caf',
    producer: 'Caf 93',
    source: NOT_FED,
    note: 'Un DSF signalé avec son auteur (Caf) : l’issue « DSF réalisé » avec le partenaire Caf.',
  },
  {
    number: '20',
    label: 'Ménages ayant bénéficié d’un accompagnement social par la Caf',
    producer: 'Caf 93',
    source: NOT_FED,
    note: 'Mesures d’accompagnement de la Caf (hors Unisson).',
  },
  {
    number: '21',
    label: 'Ménages suivis en ASLL maintien',
    producer: 'SSOLOG du CD93',
    source: NOT_FED,
    note: 'Mesures ASLL du Département.',
  },
  { number: '22', label: 'Ménages suivis en AVDL', producer: 'DRIHL 93', source: NOT_FED, note: 'Mesures AVDL de l’État.' },
  {
    number: '23',
    label: 'Ménages suivis en ASLL précoce (protocole tripartite)',
    producer: 'SSOLOG du CD93',
    source: NOT_FED,
    note: 'Mesures du protocole tripartite.',
  },
  {
    number: '24',
    label: 'Ménages suivis en MASP (procédure d’expulsion)',
    producer: 'SSOLOG du CD93',
    source: NOT_FED,
    note: 'Mesures MASP du Département.',
  },
  {
    number: '25',
    label: 'Ménages accompagnés par les accueils socio-juridiques',
    producer: 'Interlogement-93, ADIL, SSOLOG, FAP',
    source: NOT_FED,
    note: 'Registres des permanences associatives.',
  },
  {
    number: '26',
    label: 'Ménages connus du service social pour qui un DSF a été réalisé',
    producer: 'SSOLOG du CD93',
    source: { response: 'dsf_done:known' },
    note: 'Issue « DSF réalisé » signalée avec knownToSocialServices = true.',
  },
  {
    number: '27',
    label: 'Ménages non connus du service social pour qui un DSF a été réalisé',
    producer: 'SSOLOG du CD93',
    source: { response: 'dsf_done:unknown' },
    note: 'Issue « DSF réalisé » signalée avec knownToSocialServices = false.',
  },
  {
    number: '28',
    label: 'Ménages informés par l’ADIL',
    producer: 'ADIL 93',
    source: { purpose: 'informationJuridiqueAdil' },
    note: 'Partiel : foyers ayant reçu par Unisson l’information juridique de l’ADIL (pas les consultations).',
  },
  {
    number: '29',
    label: 'Ménages accompagnés par l’EMPEX',
    producer: 'DRIHL 93',
    source: { purpose: 'allerVersEquipeMobile' },
    note: 'Partiel : foyers pour qui Unisson a planifié l’aller-vers de l’équipe mobile.',
  },
  {
    number: '30',
    label: 'Assignations reçues – parc privé',
    producer: 'DRIHL 93',
    source: { stageEvent: 'assignation', sector: 'prive' },
    note: 'Assignations signalées, parc privé.',
  },
  {
    number: '31',
    label: 'Assignations reçues – parc social',
    producer: 'DRIHL 93',
    source: { stageEvent: 'assignation', sector: 'social' },
    note: 'Assignations signalées, parc social.',
  },
  {
    number: '32',
    label: 'CQL reçus – parc privé',
    producer: 'DRIHL 93',
    source: { stageEvent: 'commandement_de_quitter_les_lieux', sector: 'prive' },
    note: 'CQL signalés, parc privé.',
  },
  {
    number: '33',
    label: 'CQL reçus – parc social',
    producer: 'DRIHL 93',
    source: { stageEvent: 'commandement_de_quitter_les_lieux', sector: 'social' },
    note: 'CQL signalés, parc social.',
  },
  {
    number: '34',
    label: 'Composition familiale, ressources, dette moyenne, situation professionnelle',
    producer: 'SSOLOG, ADIL 93, Interlogement-93',
    source: NOT_FED,
    note: 'Données sociales que Unisson ne collecte pas (minimisation) ; la dette est connue des procédures mais pas du modèle de lecture.',
  },
  {
    number: '39',
    label: 'Nombre de dossiers examinés par la CCAPEX',
    producer: 'DRIHL 93',
    source: { stageEvent: 'saisine_ccapex' },
    note: 'Partiel : saisines de la CCAPEX signalées (pas l’examen en séance).',
  },
  { number: '40', label: 'Dossiers examinés en CLIL', producer: 'CD93', source: NOT_FED, note: 'Ordres du jour des CLIL.' },
  {
    number: '41',
    label: 'Dette médiane des ménages examinés par la CCAPEX',
    producer: 'DRIHL 93',
    source: NOT_FED,
    note: 'La dette de la procédure au moment de la saisine : à ajouter au modèle de lecture.',
  },
  {
    number: '42',
    label: 'Un an après la CCAPEX : ménages expulsés',
    producer: 'DRIHL 93',
    source: { afterCcapex: 'evicted' },
    note: 'Foyers saisis en CCAPEX sur la période, expulsés dans l’année qui suit.',
  },
  {
    number: '43',
    label: 'Un an après la CCAPEX : ménages relogés',
    producer: 'DRIHL 93',
    source: { afterCcapex: 'moved_out' },
    note: 'Partiel : foyers ayant quitté le logement dans l’année (relogés ou non).',
  },
  {
    number: '44',
    label: 'Un an après la CCAPEX : ménages dont la dette est soldée',
    producer: 'DRIHL 93',
    source: { afterCcapex: 'debt_cleared' },
    note: 'Dette soldée signalée dans l’année qui suit la saisine.',
  },
  {
    number: '45',
    label: 'Un an après la CCAPEX : surendettement en cours',
    producer: 'DRIHL 93',
    source: NOT_FED,
    note: 'Dossiers de surendettement (Banque de France).',
  },
  {
    number: '46',
    label: 'Un an après la CCAPEX : classement par huissier',
    producer: 'DRIHL 93',
    source: NOT_FED,
    note: 'Un événement « classement » du commissaire de justice.',
  },
  {
    number: '47',
    label: 'Mutations dans le parc social pour prévenir une expulsion',
    producer: 'SSOLOG du CD93',
    source: NOT_FED,
    note: 'Mutations des bailleurs sociaux.',
  },
  { number: '48', label: 'Relogements en SOLIPEX', producer: 'DRIHL 93', source: NOT_FED, note: 'Relogements SOLIPEX.' },
  { number: '49', label: 'Relogements DALO-PU', producer: 'DRIHL 93', source: NOT_FED, note: 'Relogements DALO prioritaires.' },
  {
    number: '50',
    label: 'Dossiers de surendettement intégrant une dette de loyer',
    producer: 'Banque de France',
    source: NOT_FED,
    note: 'Statistiques de la Banque de France.',
  },
];

export interface CharterFigure {
  number: string;
  label: string;
  fed: boolean;
  /** Households (or a ratio for O3); null when hidden or not fed. */
  value: number | null;
  hidden: boolean;
  note: string;
}

/** Counts keyed as the read model answers them: `stage:<event>[:<sector>]`, `response:<kind>[:<sector>]`, `purpose:<id>`, `ccapex:<kind>`. */
export type CharterCounts = ReadonlyMap<string, number>;

const keyOf = (s: CharterSource): string =>
  'stageEvent' in s
    ? `stage:${s.stageEvent}${s.sector ? `:${s.sector}` : ''}`
    : 'response' in s
      ? `response:${s.response}${s.sector ? `:${s.sector}` : ''}`
      : 'purpose' in s
        ? `purpose:${s.purpose}`
        : 'afterCcapex' in s
          ? `ccapex:${s.afterCcapex}`
          : '';

/**
 * The charter's figures with small cells hidden, the sector pairs (30/31, 32/33, 14/15) by
 * complementary suppression, the others rounded to a multiple of 5 and ratios to the hundredth
 * (disclosure.ts; `scope` names the territory and period, `secret` keys the rounding).
 */
export function charterFigures(counts: CharterCounts, scope = '', secret = ''): CharterFigure[] {
  const hidden = new Set<string>();
  for (const c of CHARTER_INDICATORS) {
    if (!c.source || 'ratio' in c.source) continue;
    const n = counts.get(keyOf(c.source)) ?? 0;
    if (n > 0 && n < SMALL_CELL) hidden.add(c.number);
  }
  // Sector pairs shown beside their total: the two sectors and the unknown rest form a partition.
  for (const [total, prive, social] of [
    ['9', '30', '31'],
    ['10', '32', '33'],
    ['O5', '14', '15'],
  ] as const) {
    const get = (n: string) => {
      const c = CHARTER_INDICATORS.find((x) => x.number === n)!;
      return counts.get(keyOf(c.source as CharterSource)) ?? 0;
    };
    const rest = Math.max(0, get(total) - get(prive) - get(social));
    const cells = [
      { key: prive, households: get(prive) },
      { key: social, households: get(social) },
      { key: `${total}-rest`, households: rest },
    ];
    for (const k of hiddenInPartition(cells)) if (!k.endsWith('-rest')) hidden.add(k);
    if (hidden.has(total)) {
      hidden.add(prive);
      hidden.add(social);
    }
  }
  return CHARTER_INDICATORS.map((c) => {
    if (!c.source) return { number: c.number, label: c.label, fed: false, value: null, hidden: false, note: c.note };
    if ('ratio' in c.source) {
      const [a, b] = c.source.ratio;
      const num = counts.get(`stage:${a}`) ?? 0;
      const den = counts.get(`stage:${b}`) ?? 0;
      const hide = den < SMALL_CELL || (num > 0 && num < SMALL_CELL);
      return {
        number: c.number,
        label: c.label,
        fed: true,
        value: hide ? null : publishedRate(num / den),
        hidden: hide,
        note: c.note,
      };
    }
    const hide = hidden.has(c.number);
    return {
      number: c.number,
      label: c.label,
      fed: true,
      value: hide ? null : publishedCount(counts.get(keyOf(c.source)) ?? 0, `charter|${scope}|${c.number}`, secret),
      hidden: hide,
      note: c.note,
    };
  });
}

/** CSV in the charter's numbering (semicolons, as French spreadsheets read it). */
export function charterCsv(figures: readonly CharterFigure[], territory: string | null, period: { from: string; to: string }): string {
  const esc = (s: string) => (/[;"\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = ['numero;indicateur;territoire;debut;fin;valeur;statut;precision'];
  for (const f of figures) {
    const status = !f.fed ? 'non alimenté par Unisson' : f.hidden ? 'masqué (moins de 10 foyers)' : 'alimenté';
    lines.push(
      [
        f.number,
        esc(f.label),
        territory ?? 'tous',
        period.from,
        period.to,
        f.value === null ? '' : String(f.value),
        status,
        esc(f.note),
      ].join(';'),
    );
  }
  return `${lines.join('\n')}\n`;
}
