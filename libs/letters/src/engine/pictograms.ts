import { PICTOGRAMS, type PictogramId } from '@unisson/templates';

/**
 * Pictograms printed beside the sections of easy-to-read (FALC) letters: simple line drawings,
 * one per pictogram id of the template library, in the letter's blue. Drawn here as SVG so that
 * no emoji font is needed and they print the same in black and white.
 */
const STROKE = 'fill="none" stroke="#000091" stroke-width="3" stroke-linecap="round" stroke-linejoin="round"';

const DRAWINGS: Record<PictogramId, string> = {
  info: `<circle cx="24" cy="24" r="19"/><line x1="24" y1="21" x2="24" y2="34"/><circle cx="24" cy="14" r="1.5" fill="#000091"/>`,
  money: `<rect x="5" y="13" width="38" height="22" rx="3"/><circle cx="24" cy="24" r="6"/><line x1="10" y1="18" x2="12" y2="18"/><line x1="36" y1="30" x2="38" y2="30"/>`,
  calendar: `<rect x="7" y="10" width="34" height="31" rx="3"/><line x1="7" y1="19" x2="41" y2="19"/><line x1="15" y1="6" x2="15" y2="13"/><line x1="33" y1="6" x2="33" y2="13"/><rect x="14" y="25" width="7" height="7"/>`,
  clock: `<circle cx="24" cy="24" r="18"/><polyline points="24,13 24,24 32,29"/>`,
  place: `<path d="M24 43 C24 43 10 28 10 19 a14 14 0 0 1 28 0 C38 28 24 43 24 43 Z"/><circle cx="24" cy="19" r="5"/>`,
  phone: `<path d="M14 6 l7 9 -4 5 c2 5 6 9 11 11 l5 -4 9 7 -4 7 c-16 0 -31 -15 -31 -31 Z"/>`,
  help: `<path d="M6 26 l9 -9 h8 l4 4 -7 4 c2 3 5 3 8 1 l9 -6 5 5 -13 12 h-10 l-6 -4 h-7 Z"/>`,
  documents: `<path d="M12 5 h17 l9 9 v29 h-26 Z"/><polyline points="29,5 29,14 38,14"/><line x1="17" y1="22" x2="33" y2="22"/><line x1="17" y1="29" x2="33" y2="29"/><line x1="17" y1="36" x2="27" y2="36"/>`,
  justice: `<line x1="24" y1="6" x2="24" y2="40"/><line x1="14" y1="42" x2="34" y2="42"/><line x1="9" y1="12" x2="39" y2="12"/><path d="M9 12 l-5 13 h10 Z"/><path d="M39 12 l-5 13 h10 Z"/>`,
  home: `<polyline points="6,23 24,7 42,23"/><polyline points="11,19 11,41 37,41 37,19"/><rect x="20" y="28" width="8" height="13"/>`,
  warning: `<path d="M24 6 L43 40 H5 Z"/><line x1="24" y1="18" x2="24" y2="29"/><circle cx="24" cy="34" r="1.5" fill="#000091"/>`,
  winter: `<line x1="24" y1="5" x2="24" y2="43"/><line x1="7.5" y1="14.5" x2="40.5" y2="33.5"/><line x1="7.5" y1="33.5" x2="40.5" y2="14.5"/><polyline points="19,8 24,12 29,8"/><polyline points="19,40 24,36 29,40"/>`,
};

export function pictogramSvg(id: PictogramId): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 48 48" width="48" height="48"><g ${STROKE}>${DRAWINGS[id]}</g></svg>`;
}

const BY_EMOJI = new Map<string, PictogramId>(Object.entries(PICTOGRAMS).map(([id, emoji]) => [emoji, id as PictogramId]));

/** The pictogram id of an emoji the template library put beside a heading, if it is one of its own. */
export function pictogramOfEmoji(emoji: string): PictogramId | null {
  return BY_EMOJI.get(emoji.trim()) ?? BY_EMOJI.get(`${emoji.trim()}\uFE0F`) ?? null;
}

export const PICTOGRAM_IDS = Object.keys(DRAWINGS) as PictogramId[];
