import { splitSentences, syllables, words } from './text-units';

export interface ReadabilityScore {
  /** Kandel & Moles (1958): 207 − 1.015 × words/sentence − 73.6 × syllables/word. Higher is easier. */
  kandelMoles: number;
  sentences: number;
  words: number;
  syllables: number;
  wordsPerSentence: number;
  syllablesPerWord: number;
}

export function kandelMoles(text: string): ReadabilityScore {
  const sentences = splitSentences(text);
  let wordCount = 0;
  let syllableCount = 0;
  for (const s of sentences) {
    for (const w of words(s)) {
      wordCount++;
      // A number (a phone number, an amount, a date) is one short word to a reader, not a long one.
      syllableCount += /^\d/.test(w) ? 1 : syllables(w);
    }
  }
  if (wordCount === 0) {
    return { kandelMoles: 0, sentences: sentences.length, words: 0, syllables: 0, wordsPerSentence: 0, syllablesPerWord: 0 };
  }
  const wps = wordCount / sentences.length;
  const spw = syllableCount / wordCount;
  return {
    kandelMoles: round1(207 - 1.015 * wps - 73.6 * spw),
    sentences: sentences.length,
    words: wordCount,
    syllables: syllableCount,
    wordsPerSentence: round1(wps),
    syllablesPerWord: Math.round(spw * 100) / 100,
  };
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
