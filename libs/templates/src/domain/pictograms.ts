/**
 * Pictograms shown next to key sections when the variant asks for them. Emoji keep SMS, email
 * and preview simple; letters can swap them for ARASAAC-style images later with the same ids.
 */
export const PICTOGRAMS = {
  info: 'ℹ️',
  money: '💶',
  calendar: '📅',
  clock: '🕑',
  place: '📍',
  phone: '📞',
  help: '🤝',
  documents: '📄',
  justice: '⚖️',
  home: '🏠',
  warning: '⚠️',
  winter: '❄️',
} as const;
export type PictogramId = keyof typeof PICTOGRAMS;

export function isPictogramId(v: string): v is PictogramId {
  return Object.prototype.hasOwnProperty.call(PICTOGRAMS, v);
}
