/** Synthetic landlord exports (no real person): deterministic from a seed. */
const LAST = [
  'Martin',
  'Bernard',
  'Diallo',
  'Nguyen',
  'Benali',
  'Lefèvre',
  'Traoré',
  'Moreau',
  'Haddad',
  'Petit',
  'Da Silva',
  'Kone',
  'Roux',
  'Mbappé',
  'Cissé',
  'Garcia',
  'Dubois',
  'Yilmaz',
  'Popescu',
  'Chen',
];
const FIRST = [
  'Awa',
  'Thi',
  'Youssef',
  'Sophie',
  'Marc',
  'Fatoumata',
  'Julie',
  'Samir',
  'Chloé',
  'Mamadou',
  'Inès',
  'Kevin',
  'Aïcha',
  'Léa',
  'Ionut',
  'Mehmet',
  'Zoé',
  'Moussa',
  'Élodie',
  'Wei',
];
const STREETS = [
  'rue Gabriel Péri',
  'avenue Jean Jaurès',
  'rue de la République',
  'boulevard Anatole France',
  'allée des Tilleuls',
  'rue du Landy',
  'rue Étienne Dolet',
  'avenue Paul Vaillant-Couturier',
];
const COMMUNES: Array<[string, string]> = [
  ['93200', 'Saint-Denis'],
  ['93000', 'Bobigny'],
  ['93140', 'Bondy'],
  ['93100', 'Montreuil'],
  ['93300', 'Aubervilliers'],
  ['93400', 'Saint-Ouen-sur-Seine'],
  ['93500', 'Pantin'],
  ['93600', 'Aulnay-sous-Bois'],
];

function random(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

const euros = (n: number) => n.toFixed(2).replace('.', ',');

export function generateAlertRows(count: number, options: { invalidShare: number; seed: number }): string {
  const next = random(options.seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)];
  const lines = [
    'Référence;Nom;Prénom;Adresse;Complément adresse;Code postal;Ville;Téléphone;Email;Parc;Loyer;Montant impayé;Date du premier impayé',
  ];
  for (let i = 1; i <= count; i++) {
    const [postalCode, city] = pick(COMMUNES);
    const rent = 350 + Math.floor(next() * 550);
    const months = 1 + Math.floor(next() * 4);
    const last = pick(LAST);
    const first = pick(FIRST);
    const day = String(5).padStart(2, '0');
    const month = String(7 + Math.floor(next() * 4)).padStart(2, '0');
    const invalid = next() < options.invalidShare;
    const hasPhone = next() < 0.15;
    lines.push(
      [
        `GEN-${String(i).padStart(6, '0')}`,
        last,
        first,
        `${1 + Math.floor(next() * 120)} ${pick(STREETS)}`,
        next() < 0.3 ? `Bât ${String.fromCharCode(65 + Math.floor(next() * 6))}` : '',
        invalid ? postalCode.slice(0, 4) : postalCode,
        city,
        hasPhone
          ? `07 ${String(10 + Math.floor(next() * 89))} ${String(10 + Math.floor(next() * 89))} ${String(10 + Math.floor(next() * 89))} ${String(10 + Math.floor(next() * 89))}`
          : '',
        '',
        next() < 0.8 ? 'social' : 'privé',
        euros(rent),
        euros(rent * months),
        `${day}/${month}/2026`,
      ].join(';'),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
