/**
 * The shared coordination view of a household: what Unisson knows across partners. A territory's
 * sharing agreement says, per partner kind, which of these fields that kind may see (least
 * privilege, "dites-le nous une fois" where the agreement allows it).
 */
export const SHARED_VIEW_FIELDS = {
  stage: 'Étape de la procédure',
  stageSince: 'Date de l’étape',
  partnersInvolved: 'Types de partenaires impliqués',
  housingSector: 'Parc (social ou privé)',
  debtAmount: 'Montant de la dette',
  hearing: 'Date et lieu de l’audience',
  plannedContacts: 'Contacts prévus (canal, date, objet)',
  lastResponse: 'Dernière réponse du foyer (date, canal)',
  optOuts: 'Oppositions du foyer par canal',
  reachableChannels: 'Canaux joignables (sans les coordonnées)',
  identity: 'Nom et prénom',
  postalAddress: 'Adresse postale',
  phone: 'Téléphone',
  email: 'Courriel',
  cafNumber: 'Numéro d’allocataire CAF',
} as const;
export type SharedViewField = keyof typeof SHARED_VIEW_FIELDS;
export const SHARED_VIEW_FIELD_IDS = Object.keys(SHARED_VIEW_FIELDS) as SharedViewField[];

/** Without an agreement a partner sees only where the household stands and who is involved. */
export const BASELINE_FIELDS: readonly SharedViewField[] = ['stage', 'partnersInvolved'];

/** Fields that are personal data: an agreement granting one is shown as such to the admin. */
export const PERSONAL_FIELDS: readonly SharedViewField[] = ['identity', 'postalAddress', 'phone', 'email', 'cafNumber'];

/** Organisations that read aggregates only (figures, never a household): no agreement gives them personal data. */
export const AGGREGATES_ONLY_KINDS: readonly string[] = ['analyste'];

/** Why an agreement may not give these fields to this kind of organisation (null: it may). */
export function agreementFieldsProblem(partnerKind: string, fields: readonly string[]): string | null {
  if (!AGGREGATES_ONLY_KINDS.includes(partnerKind)) return null;
  const personal = PERSONAL_FIELDS.filter((f) => fields.includes(f));
  return personal.length
    ? `un organisme d’analyse ne lit que des chiffres agrégés : aucun champ personnel ne peut lui être ouvert (retirez ${personal.join(', ')})`
    : null;
}

export function isSharedViewField(value: string): value is SharedViewField {
  return Object.prototype.hasOwnProperty.call(SHARED_VIEW_FIELDS, value);
}

/** The fields a partner kind may see on a territory: the baseline plus what its agreement grants. */
export function grantedFields(agreementFields: readonly string[] | null): SharedViewField[] {
  const granted = new Set<SharedViewField>(BASELINE_FIELDS);
  for (const f of agreementFields ?? []) if (isSharedViewField(f)) granted.add(f);
  return SHARED_VIEW_FIELD_IDS.filter((f) => granted.has(f));
}

/** Keeps only the granted fields of a view (fields missing from the view stay missing). */
export function projectSharedView<V extends Partial<Record<SharedViewField, unknown>>>(
  view: V,
  fields: readonly SharedViewField[],
): Partial<V> {
  const out: Partial<V> = {};
  for (const f of fields) if (f in view) (out as Record<string, unknown>)[f] = view[f];
  return out;
}
