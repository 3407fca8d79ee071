/**
 * How Twilio's <Say> speaks each of Unisson's languages: a BCP 47 `language` and an Amazon Polly
 * neural voice Twilio offers for it. FALC is French, spoken slower.
 */
export interface SpokenVoice {
  language: string;
  voice: string;
  /** SSML prosody rate: FALC listeners get more time. */
  rate: 'medium' | 'slow';
}

const VOICES: Record<string, SpokenVoice> = {
  fr: { language: 'fr-FR', voice: 'Polly.Lea-Neural', rate: 'medium' },
  'fr-falc': { language: 'fr-FR', voice: 'Polly.Lea-Neural', rate: 'slow' },
  en: { language: 'en-GB', voice: 'Polly.Amy-Neural', rate: 'medium' },
  ar: { language: 'arb', voice: 'Polly.Hala-Neural', rate: 'medium' },
  es: { language: 'es-ES', voice: 'Polly.Lucia-Neural', rate: 'medium' },
  pt: { language: 'pt-PT', voice: 'Polly.Ines-Neural', rate: 'medium' },
  ro: { language: 'ro-RO', voice: 'Polly.Carmen', rate: 'medium' },
  tr: { language: 'tr-TR', voice: 'Polly.Burcu-Neural', rate: 'medium' },
};

/** The voice for a household's language; unknown languages are spoken in French. */
export function spokenVoiceFor(locale: string): SpokenVoice {
  return VOICES[locale] ?? VOICES[locale.split('-')[0] ?? ''] ?? VOICES.fr!;
}
