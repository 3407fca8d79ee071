/**
 * La Poste's classes for a letter: simple, suivie (tracked, delivery confirmed), recommandée
 * (registered, signed for). Letters announcing a legal step go tracked; none of Unisson's letters
 * is itself a legal act (those are served by the commissaire de justice), so none is registered
 * unless its purpose is listed here.
 */
export const POSTAGE_CLASSES = ['lettre_simple', 'lettre_suivie', 'lettre_recommandee'] as const;
export type PostageClass = (typeof POSTAGE_CLASSES)[number];

export const POSTAGE_LABELS: Record<PostageClass, string> = {
  lettre_simple: 'lettre simple',
  lettre_suivie: 'lettre suivie',
  lettre_recommandee: 'lettre recommandée',
};

const TRACKED_PURPOSES = new Set(['hearing_reminder', 'after_judgment_explanation', 'cql_rehousing', 'ccapex_prevention_letter']);
const REGISTERED_PURPOSES = new Set<string>([]);

export function postageClassFor(purposeOrTemplate: string): PostageClass {
  if (REGISTERED_PURPOSES.has(purposeOrTemplate)) return 'lettre_recommandee';
  return TRACKED_PURPOSES.has(purposeOrTemplate) ? 'lettre_suivie' : 'lettre_simple';
}
