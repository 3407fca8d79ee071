/**
 * Words that mean "stop writing to me" in an SMS reply. Twilio's own list plus the French ones
 * (the 36 xxx "STOP" convention); accents and case are ignored, and only the whole reply counts.
 */
const OPT_OUT_WORDS = new Set(['stop', 'stopall', 'arret', 'arreter', 'unsubscribe', 'cancel', 'end', 'quit', 'desabonner', 'desinscrire']);

export function isOptOutReply(body: string): boolean {
  const word = body
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .trim()
    .toLowerCase()
    .replace(/[.!\s]+$/u, '');
  return OPT_OUT_WORDS.has(word);
}
