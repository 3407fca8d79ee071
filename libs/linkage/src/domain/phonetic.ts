/**
 * A French phonetic key in the spirit of Phonex / Soundex-FR, written for Unisson.
 * Input must be folded (A-Z only). Spelling variants that sound alike map to one key:
 * NGUYEN/NGUYÊN, FAURE/FAHURE, YOUSSEF/YOUCEF, MOHAMED/MOHAMMED, PHILIPPE/FILIPE.
 */
const RULES: Array<[RegExp, string]> = [
  [/[^A-Z]/g, ''],
  [/^MAC/, 'MC'],
  [/PH/g, 'F'],
  [/[GS]CH/g, 'S'],
  [/CH|SH/g, 'S'],
  [/QU|Q/g, 'K'],
  [/C([EIY])/g, 'S$1'],
  [/CK|C/g, 'K'],
  [/GU([EIY])/g, 'G$1'],
  [/G([EIY])/g, 'J$1'],
  [/TH/g, 'T'],
  [/DJ/g, 'J'],
  [/W/g, 'V'],
  [/X/g, 'KS'],
  [/Z/g, 'S'],
  [/Y/g, 'I'],
  [/([^SCTP])H/g, '$1'],
  [/^H/, ''],
  [/EAU|AU/g, 'O'],
  [/OU/g, 'U'],
  [/[AE]I/g, 'E'],
  [/(?:AN|AM|EN|EM)(?=[^AEIOU]|$)/g, 'A'],
  [/(?:IN|IM|UN|UM|AIN|EIN)(?=[^AEIOU]|$)/g, 'I'],
  [/([A-Z])\1+/g, '$1'],
];

export function frenchPhonetic(folded: string): string {
  let s = folded;
  for (const [pattern, replacement] of RULES) s = s.replace(pattern, replacement);
  // Silent endings: final E, S, T, D, X (after the rules above), repeated once.
  s = s.replace(/[ESTDX]+$/, '');
  if (s.length === 0) s = folded.replace(/[^A-Z]/g, '').slice(0, 1);
  // Vowels after the first letter carry little across spellings: keep only their presence.
  const head = s.slice(0, 1);
  const tail = s.slice(1).replace(/[AEIOU]+/g, 'A');
  return (head + tail).replace(/([A-Z])\1+/g, '$1');
}
