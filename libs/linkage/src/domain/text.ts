/**
 * Text folding shared by every normaliser: strips diacritics, upper-cases, turns
 * punctuation into spaces and collapses whitespace. "Épinay-s/-Seine" -> "EPINAY S SEINE".
 */
const LIGATURES: Record<string, string> = { Œ: 'OE', œ: 'OE', Æ: 'AE', æ: 'AE', ß: 'SS', ø: 'O', Ø: 'O', ł: 'L', Ł: 'L', ı: 'I' };

export function fold(input: string | null | undefined): string {
  if (!input) return '';
  const noLigatures = input.replace(/[ŒœÆæßøØłŁı]/g, (c) => LIGATURES[c] ?? c);
  return noLigatures
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/['’`´]/g, ' ')
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim();
}

export function tokens(folded: string): string[] {
  return folded.length === 0 ? [] : folded.split(' ');
}
