/**
 * How a landlord's export maps to an alert: French column names (and their usual variants),
 * French formats (31/12/2026, 1 024,80 €, « privé »), and the reasons a row is refused, in
 * French. The rules themselves are intake's alert schema: this file only translates.
 */

export interface AlertColumn {
  /** Path in the alert body (`address.postalCode`). */
  path: string;
  /** Normalised header names accepted for it; the first is the documented one. */
  names: readonly string[];
  /** What the column must hold, said to the landlord. */
  expects: string;
  required?: boolean;
  kind?: 'text' | 'date' | 'amount' | 'sector' | 'locale';
}

export const ALERT_COLUMNS: readonly AlertColumn[] = [
  {
    path: 'partnerRef',
    names: ['reference', 'ref', 'reference_bail', 'reference_locataire', 'num_contrat', 'numero_contrat', 'code_locataire', 'partner_ref'],
    expects: 'votre référence du bail (100 caractères au plus)',
    required: true,
  },
  {
    path: 'tenant.lastName',
    names: ['nom', 'nom_locataire', 'nom_titulaire', 'last_name'],
    expects: 'le nom du locataire',
    required: true,
  },
  {
    path: 'tenant.firstName',
    names: ['prenom', 'prenom_locataire', 'prenom_titulaire', 'first_name'],
    expects: 'le prénom du locataire',
    required: true,
  },
  {
    path: 'tenant.birthDate',
    names: ['date_naissance', 'date_de_naissance', 'birth_date'],
    expects: 'une date de naissance JJ/MM/AAAA',
    kind: 'date',
  },
  { path: 'coTenant.lastName', names: ['nom_cotitulaire', 'nom_co_titulaire', 'nom_conjoint'], expects: 'le nom du cotitulaire' },
  {
    path: 'coTenant.firstName',
    names: ['prenom_cotitulaire', 'prenom_co_titulaire', 'prenom_conjoint'],
    expects: 'le prénom du cotitulaire',
  },
  {
    path: 'address.street',
    names: ['adresse', 'adresse_1', 'adresse_ligne_1', 'voie', 'numero_et_voie', 'street'],
    expects: 'le numéro et la voie',
    required: true,
  },
  {
    path: 'address.extra',
    names: ['complement_adresse', 'adresse_2', 'adresse_ligne_2', 'batiment', 'complement'],
    expects: 'un complément d’adresse (bâtiment, escalier…)',
  },
  {
    path: 'address.postalCode',
    names: ['code_postal', 'cp', 'postal_code'],
    expects: 'un code postal français à 5 chiffres',
    required: true,
  },
  { path: 'address.city', names: ['ville', 'commune', 'localite', 'city'], expects: 'la commune', required: true },
  {
    path: 'contacts.phone',
    names: ['telephone', 'tel', 'portable', 'mobile', 'telephone_portable', 'numero_de_telephone', 'phone'],
    expects: 'un numéro de téléphone (06 12 34 56 78 ou +33…)',
  },
  { path: 'contacts.email', names: ['email', 'courriel', 'mail', 'adresse_electronique', 'e_mail'], expects: 'une adresse électronique' },
  {
    path: 'cafNumber',
    names: ['numero_allocataire', 'num_allocataire', 'numero_caf', 'num_caf', 'caf_number'],
    expects: 'un numéro d’allocataire CAF de 5 à 10 chiffres',
  },
  {
    path: 'preferredLocale',
    names: ['langue', 'langue_preferee', 'locale'],
    expects: 'une langue : fr, fr-falc, ar, en, es, pt, ro, tr',
    kind: 'locale',
  },
  {
    path: 'lease.housingSector',
    names: ['parc', 'secteur', 'type_logement', 'housing_sector'],
    expects: '« social » ou « privé »',
    required: true,
    kind: 'sector',
  },
  {
    path: 'lease.signedOn',
    names: ['date_bail', 'date_du_bail', 'date_signature_bail', 'date_de_signature_du_bail', 'date_signature', 'debut_bail'],
    expects: 'la date du bail JJ/MM/AAAA',
    kind: 'date',
  },
  {
    path: 'lease.monthlyRent',
    names: ['loyer', 'loyer_mensuel', 'loyer_charges_comprises', 'monthly_rent'],
    expects: 'le loyer mensuel en euros (ex. 512,40)',
    required: true,
    kind: 'amount',
  },
  {
    path: 'arrears.amount',
    names: [
      'montant_impaye',
      'montant_impayes',
      'montant_des_impayes',
      'montant_de_la_dette',
      'dette',
      'montant_dette',
      'arrieres',
      'arrears',
    ],
    expects: 'la dette en euros, plus de 0 (ex. 1 024,80)',
    required: true,
    kind: 'amount',
  },
  {
    path: 'arrears.firstUnpaidOn',
    names: [
      'date_premier_impaye',
      'date_du_premier_impaye',
      'date_du_1er_impaye',
      'date_1er_impaye',
      'premier_impaye',
      'date_impaye',
      'first_unpaid_on',
    ],
    expects: 'la date du premier impayé JJ/MM/AAAA',
    required: true,
    kind: 'date',
  },
];

/** The optional column that carries the row's Idempotency-Key (same semantics as the header of POST /v1/alerts). */
export const IDEMPOTENCY_COLUMN_NAMES = ['cle_idempotence', 'cle', 'idempotency_key'];

/** "Date du 1er impayé" → "date_du_1er_impaye": lower case, no accents, words joined by "_". */
export function normaliseHeader(header: string): string {
  return header
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/n°|\bno\b/g, 'numero')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

export interface HeaderMapping {
  /** For each cell index, its column (or null when the column is not used). */
  columns: Array<AlertColumn | null>;
  idempotencyIndex: number | null;
  /** Headers as written in the file, by path (for the error report). */
  headerOf: Map<string, string>;
  ignored: string[];
  missing: AlertColumn[];
  /** Each cell's header as written (trimmed), by index. */
  headers: string[];
}

export function mapHeader(header: readonly string[]): HeaderMapping {
  const headerOf = new Map<string, string>();
  const ignored: string[] = [];
  let idempotencyIndex: number | null = null;
  const columns = header.map((raw, index) => {
    const name = normaliseHeader(raw);
    if (IDEMPOTENCY_COLUMN_NAMES.includes(name)) {
      idempotencyIndex = index;
      return null;
    }
    const column = ALERT_COLUMNS.find((c) => c.names.includes(name) && !headerOf.has(c.path)) ?? null;
    if (column) headerOf.set(column.path, raw.trim());
    else if (raw.trim()) ignored.push(raw.trim());
    return column;
  });
  const missing = ALERT_COLUMNS.filter((c) => c.required && !headerOf.has(c.path));
  return { columns, idempotencyIndex, headerOf, ignored, missing, headers: header.map((h) => h.trim()) };
}

/** "31/12/2026", "31-12-2026", "31.12.2026" or "2026-12-31" → "2026-12-31"; anything else unchanged (the schema refuses it). */
export function frenchDate(value: string): string {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (iso) return value;
  const fr = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value);
  return fr ? `${fr[3]}-${fr[2].padStart(2, '0')}-${fr[1].padStart(2, '0')}` : value;
}

/** "1 024,80 €", "1024.80", "1.024,80" → 1024.8; anything else unchanged (the schema refuses it). */
export function frenchAmount(value: string): number | string {
  const compact = value.replace(/[\s\u00a0\u202f€]/g, '');
  if (!/^-?[\d.,]+$/.test(compact)) return value;
  const lastComma = compact.lastIndexOf(',');
  const lastDot = compact.lastIndexOf('.');
  const decimal = lastComma > lastDot ? ',' : '.';
  const normalised = decimal === ',' ? compact.replace(/\./g, '').replace(',', '.') : compact.replace(/,/g, '');
  const n = Number(normalised);
  return Number.isFinite(n) && /^-?\d+(\.\d+)?$/.test(normalised) ? n : value;
}

export function housingSector(value: string): string {
  const v = normaliseHeader(value);
  if (['social', 'hlm', 'bailleur_social', 'parc_social', 'logement_social'].includes(v)) return 'social';
  if (['prive', 'private', 'bailleur_prive', 'parc_prive'].includes(v)) return 'prive';
  return value;
}

function convert(column: AlertColumn, value: string): unknown {
  switch (column.kind) {
    case 'date':
      return frenchDate(value);
    case 'amount':
      return frenchAmount(value);
    case 'sector':
      return housingSector(value);
    case 'locale':
      return value.toLowerCase();
    default:
      return value;
  }
}

/** The alert body of one row (empty cells are left out), and its idempotency key if the file has one. */
export function rowToAlert(
  mapping: HeaderMapping,
  cells: readonly string[],
): { alert: Record<string, unknown>; idempotencyKey: string | undefined } {
  const alert: Record<string, unknown> = { contacts: {} };
  mapping.columns.forEach((column, i) => {
    const value = (cells[i] ?? '').trim();
    if (!column || value === '') return;
    const keys = column.path.split('.');
    let target = alert;
    for (const key of keys.slice(0, -1)) target = (target[key] ??= {}) as Record<string, unknown>;
    target[keys[keys.length - 1]] = convert(column, value);
  });
  const key = mapping.idempotencyIndex === null ? '' : (cells[mapping.idempotencyIndex] ?? '').trim();
  return { alert, idempotencyKey: key || undefined };
}

export interface RowProblem {
  /** The column as written in the file's header. */
  field: string;
  reason: string;
}

/** A schema issue (path + code) said in French, naming the file's column. */
export function rowProblem(
  mapping: HeaderMapping,
  issue: { path: readonly PropertyKey[]; code: string; input?: unknown; message: string },
): RowProblem {
  const path = issue.path.map(String).join('.');
  const column = ALERT_COLUMNS.find((c) => c.path === path) ?? ALERT_COLUMNS.find((c) => c.path.startsWith(`${path}.`));
  const field = column ? (mapping.headerOf.get(column.path) ?? column.names[0]) : path || '(ligne)';
  if (!column) return { field, reason: `valeur refusée (${issue.message})` };
  const missing = issue.code === 'invalid_type' && issue.input === undefined;
  if (missing) return { field, reason: `obligatoire : ${column.expects}` };
  if (issue.code === 'too_big') return { field, reason: `trop long ou trop grand : ${column.expects}` };
  if (/2 décimales/.test(issue.message)) return { field, reason: `2 décimales au plus : ${column.expects}` };
  if (/supérieur à 0/.test(issue.message)) return { field, reason: `doit être supérieur à 0 : ${column.expects}` };
  if (/négatif/.test(issue.message)) return { field, reason: `ne doit pas être négatif : ${column.expects}` };
  if (/date du calendrier/.test(issue.message)) return { field, reason: `cette date n’existe pas : ${column.expects}` };
  return { field, reason: `attendu : ${column.expects}` };
}
