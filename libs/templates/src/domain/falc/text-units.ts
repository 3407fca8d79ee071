/**
 * Sentences, words and syllables of French text, for the FALC rules and the readability score.
 * Heuristics written for short administrative messages, tested on examples in text-units.spec.ts.
 */

/** One sentence per line (FALC), then split after . ! ? … ; list bullets are dropped. */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.replace(/^\s*[-•]\s+/, '').trim();
    if (!line) continue;
    for (const part of line.split(/(?<=[.!?…])\s+(?=\S)/u)) {
      const s = part.trim();
      if (s && /[\p{L}\p{N}]/u.test(s)) out.push(s);
    }
  }
  return out;
}

/** Numbers written with separators ("1 234,56", "14 h 30" gives 14, h, 30) count as one word each. */
const WORD = /\d+(?:[ \u202f\u00a0.,]\d+)*|\p{L}[\p{L}\p{M}'’-]*/gu;

export function words(sentence: string): string[] {
  return sentence.match(WORD) ?? [];
}

const VOWELS = 'aeiouyàâäéèêëîïôöùûüœæ';
const isVowel = (c: string): boolean => VOWELS.includes(c);

/**
 * Spoken syllables of a French word, by vowel groups:
 *  - a final mute "e"/"es" does not count ("porte" 1, "aides" 1) unless it is the only vowel ("je");
 *  - "y" between vowels opens a new syllable ("loyer" 2, "payer" 2);
 *  - "é" followed by a vowel is a hiatus ("réaliser" 4, "créer" 2);
 *  - hyphenated words add up their parts; a number counts as one syllable per group of digits.
 */
export function syllables(word: string): number {
  if (/^\d/.test(word)) return word.split(/[^\d]+/).filter(Boolean).length;
  const parts = word.toLowerCase().split(/[-'’]/).filter(Boolean);
  if (parts.length > 1) return parts.reduce((n, p) => n + syllables(p), 0);
  const w = parts[0] ?? '';
  let count = 0;
  let inGroup = false;
  for (let i = 0; i < w.length; i++) {
    const c = w[i];
    if (!isVowel(c)) {
      inGroup = false;
      continue;
    }
    const afterE = w[i - 1] === 'é' && !(c === 'e' && /^es?$/.test(w.slice(i)));
    const afterY = c !== 'y' && w[i - 1] === 'y' && i >= 2 && isVowel(w[i - 2]);
    const hiatus = inGroup && (afterE || afterY);
    if (!inGroup || hiatus) count++;
    inGroup = true;
  }
  if (count > 1 && /[^aeiouyàâäéèêëîïôöùûü]es?$/.test(w)) count--;
  return Math.max(1, count);
}
