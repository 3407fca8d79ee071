import { PartnerRecordInput } from '../domain/record';

/**
 * Synthetic partner records with the kinds of noise seen in the French dev set: accents and case,
 * typos, swapped first/last names, transliteration variants, street-type abbreviations, bis/ter
 * spellings, missing fields, the other adult of a couple, an old address, several phone formats,
 * and neighbours in the same building. Deterministic for a given seed.
 */
const LAST = [
  'MARTIN',
  'BERNARD',
  'DUBOIS',
  'THOMAS',
  'ROBERT',
  'RICHARD',
  'PETIT',
  'DURAND',
  'LEROY',
  'MOREAU',
  'SIMON',
  'LAURENT',
  'LEFEBVRE',
  'MICHEL',
  'GARCIA',
  'DAVID',
  'BERTRAND',
  'ROUX',
  'VINCENT',
  'FOURNIER',
  'MOREL',
  'GIRARD',
  'ANDRE',
  'MERCIER',
  'DUPONT',
  'LAMBERT',
  'BONNET',
  'FRANCOIS',
  'MARTINEZ',
  'NGUYEN',
  'DIALLO',
  'TRAORE',
  'KONE',
  'COULIBALY',
  'DIOP',
  'BENALI',
  'HADDAD',
  'KHELIFI',
  'BELKACEM',
  'MANSOURI',
  'YILMAZ',
  'KAYA',
  'DOS SANTOS',
  'PEREIRA',
  'OLIVEIRA',
  'DA SILVA',
  'KOWALSKI',
  'NOWAK',
  'IONESCU',
  'POPESCU',
  'PHAM',
  'TRAN',
  'LI',
  'WANG',
  'CISSE',
  'SYLLA',
  'FOFANA',
  'BAKAYOKO',
  'SISSOKO',
  'EL IDRISSI',
  'BEN AHMED',
  'AIT ALI',
  'SELVARAJAH',
  'SIVAKUMAR',
];
const FIRST = [
  'Marie',
  'Nathalie',
  'Isabelle',
  'Sylvie',
  'Catherine',
  'Julie',
  'Léa',
  'Emilie',
  'Aurélie',
  'Sandrine',
  'Céline',
  'Anne-Sophie',
  'Marie-Claire',
  'Jean',
  'Jean-Pierre',
  'Michel',
  'Philippe',
  'Nicolas',
  'Laurent',
  'Sébastien',
  'Christophe',
  'Mohamed',
  'Youssef',
  'Karim',
  'Bilal',
  'Yacine',
  'Omar',
  'Ibrahima',
  'Moussa',
  'Mamadou',
  'Boubacar',
  'Fatoumata',
  'Aminata',
  'Awa',
  'Mariam',
  'Khadija',
  'Fatima',
  'Aïcha',
  'Samira',
  'Nadia',
  'Yasmine',
  'Nour',
  'Ayşe',
  'Mehmet',
  'Andrei',
  'Ioana',
  'Ana',
  'João',
  'Wei',
  'Mei',
  'Jing',
  'Minh',
  'Thi',
  'Priya',
  'Lakshmi',
  'Kumar',
  'Abdelkader',
  'Abderrahmane',
];
const VARIANTS: Record<string, string[]> = {
  Mohamed: ['Mohammed', 'Muhammad'],
  Youssef: ['Youcef', 'Yusuf'],
  Omar: ['Oumar'],
  Aïcha: ['Aisha'],
  Khadija: ['Khadidja'],
  Abdelkader: ['Abdel Kader'],
};
const STREETS = [
  'Jean Jaurès',
  'Victor Hugo',
  'Gabriel Péri',
  'Henri Barbusse',
  'Karl Marx',
  'Paul Vaillant-Couturier',
  'de la République',
  'du Général de Gaulle',
  'Jules Ferry',
  'Pasteur',
  'Anatole France',
  'Émile Zola',
  'de la Gare',
  'du Moulin',
  'des Lilas',
  'Louise Michel',
  'Pablo Picasso',
  'Romain Rolland',
  'du 8 Mai 1945',
  'Aristide Briand',
  'Jean Moulin',
  'Salvador Allende',
  'Lénine',
  'Danielle Casanova',
  'Saint-Just',
  'Maurice Thorez',
  'de Paris',
  'des Fleurs',
];
const TYPES: Array<[string, string[]]> = [
  ['rue', ['r', 'r.', 'RUE']],
  ['avenue', ['av', 'av.', 'ave']],
  ['boulevard', ['bd', 'bld', 'boul']],
  ['place', ['pl', 'pl.']],
  ['allée', ['all', 'allee']],
  ['impasse', ['imp', 'imp.']],
  ['chemin', ['ch', 'chem']],
  ['quai', ['qu']],
  ['square', ['sq']],
  ['cité', ['cite']],
];
const COMMUNES: Array<[string, string]> = [
  ['93200', 'Saint-Denis'],
  ['93300', 'Aubervilliers'],
  ['93000', 'Bobigny'],
  ['93100', 'Montreuil'],
  ['93500', 'Pantin'],
  ['93140', 'Bondy'],
  ['93270', 'Sevran'],
  ['93600', 'Aulnay-sous-Bois'],
  ['93800', 'Épinay-sur-Seine'],
  ['93120', 'La Courneuve'],
  ['38000', 'Grenoble'],
  ['38130', 'Échirolles'],
  ['38400', "Saint-Martin-d'Hères"],
  ['38090', 'Villefontaine'],
  ['91000', 'Évry-Courcouronnes'],
  ['91350', 'Grigny'],
  ['91300', 'Massy'],
  ['91130', 'Ris-Orangis'],
];
const KINDS = ['bailleur', 'caf', 'departement', 'commissaire', 'adil', 'ccas'];

export class SeededRandom {
  constructor(private state: number) {}
  next(): number {
    this.state = (Math.imul(this.state ^ (this.state >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return this.state / 2 ** 32;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(list: readonly T[]): T {
    return list[this.int(list.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

interface Adult {
  last: string;
  first: string;
  birth: string;
  phone: string;
  email: string;
}
interface Home {
  number: string;
  suffix: string;
  type: [string, string[]];
  street: string;
  cp: string;
  city: string;
  building: string;
  flat: string;
}

function typo(rng: SeededRandom, s: string): string {
  if (s.length < 3) return s;
  const i = 1 + rng.int(s.length - 2);
  const kind = rng.int(3);
  if (kind === 0) return s.slice(0, i) + s.slice(i + 1);
  if (kind === 1) return s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2);
  return s.slice(0, i) + 'aeioutnrs'[rng.int(9)] + s.slice(i);
}

function adult(rng: SeededRandom, last: string): Adult {
  const first = rng.pick(FIRST);
  const year = 1940 + rng.int(65);
  const birth = `${year}-${String(1 + rng.int(12)).padStart(2, '0')}-${String(1 + rng.int(28)).padStart(2, '0')}`;
  const phone = `0${6 + rng.int(2)}${String(rng.int(1e8)).padStart(8, '0')}`;
  const email = `${first}.${last}${rng.int(100)}@${rng.pick(['gmail.com', 'yahoo.fr', 'orange.fr', 'free.fr'])}`
    .toLowerCase()
    .replace(/[^a-z0-9.@]/g, '');
  return { last, first, birth, phone, email };
}

function home(rng: SeededRandom): Home {
  const [cp, city] = rng.pick(COMMUNES);
  return {
    number: String(1 + rng.int(250)),
    suffix: rng.chance(0.3) ? rng.pick(['bis', 'ter']) : '',
    type: rng.pick(TYPES),
    street: rng.pick(STREETS),
    cp,
    city,
    building: rng.pick(['A', 'B', 'C', 'D']),
    flat: String(1 + rng.int(120)),
  };
}

function render(rng: SeededRandom, id: string, person: Adult, place: Home, caf: string | null): PartnerRecordInput {
  const upper = rng.chance(0.4);
  const cased = (s: string) => (upper ? s.toUpperCase() : s);
  let first = rng.chance(0.1) && VARIANTS[person.first] ? rng.pick(VARIANTS[person.first]) : person.first;
  let last = person.last;
  if (rng.chance(0.1)) last = typo(rng, last);
  if (rng.chance(0.08)) first = typo(rng, first);
  if (rng.chance(0.05)) [first, last] = [last, first];
  const type = rng.chance(0.5) ? place.type[0] : rng.pick(place.type[1]);
  const suffix = place.suffix ? (rng.chance(0.5) ? place.suffix : place.suffix[0]) : '';
  const street = `${place.number}${rng.chance(0.5) ? ' ' : ''}${suffix} ${type} ${place.street}`.replace(/\s+/g, ' ');
  const extra = [
    rng.chance(0.5) ? `Bât ${place.building}` : '',
    rng.chance(0.6) ? `${rng.pick(['Apt', 'Appt', 'Logt', 'Porte'])} ${place.flat}` : '',
  ]
    .filter(Boolean)
    .join(' ');
  const phone = rng.chance(0.45) ? (rng.chance(0.5) ? person.phone.replace(/(\d\d)(?=\d)/g, '$1 ') : `+33${person.phone.slice(1)}`) : '';
  return {
    recordId: id,
    partnerKind: rng.pick(KINDS),
    lastName: cased(last),
    firstName: cased(first),
    birthDate: rng.chance(0.5) ? person.birth : '',
    street: cased(street),
    addressExtra: cased(extra),
    postalCode: place.cp,
    city: cased(place.city),
    phone,
    email: rng.chance(0.2) ? person.email : '',
    cafNumber: caf && rng.chance(0.4) ? caf : '',
  };
}

/** Yields records one household at a time, with the household id as truth. */
export function* generateRecords(count: number, seed = 42): Generator<{ record: PartnerRecordInput; householdId: string }> {
  const rng = new SeededRandom(seed);
  let produced = 0;
  let household = 0;
  let lastHome: Home | null = null;
  while (produced < count) {
    const hid = `h${String(household++).padStart(8, '0')}`;
    const last = rng.pick(LAST);
    const adults = [adult(rng, last)];
    if (rng.chance(0.35)) adults.push(adult(rng, rng.chance(0.5) ? last : rng.pick(LAST)));
    // Neighbours: a third of households live in the previous household's building.
    const place: Home = lastHome && rng.chance(0.3) ? { ...lastHome, flat: String(1 + rng.int(120)) } : home(rng);
    lastHome = place;
    const old = home(rng);
    const caf = rng.chance(0.6) ? String(1_000_000 + rng.int(9_000_000)) : null;
    const records = 1 + rng.int(5);
    for (let k = 0; k < records && produced < count; k++) {
      const person = rng.pick(adults);
      const at = rng.chance(0.05) ? old : place;
      yield { record: render(rng, `g${String(produced++).padStart(8, '0')}`, person, at, caf), householdId: hid };
    }
  }
}
