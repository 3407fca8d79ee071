import { Injectable } from '@nestjs/common';
import { TemplateLibrary } from '@unisson/templates';

export interface VoicePromptTexts {
  callbackPrompt: string;
  callbackThanks: string;
  goodbye: string;
  agentAnnouncement: string;
}

const KEYS: Record<keyof VoicePromptTexts, string> = {
  callbackPrompt: 'callback_prompt',
  callbackThanks: 'callback_thanks',
  goodbye: 'goodbye',
  agentAnnouncement: 'agent_announcement',
};

/**
 * What the phone menu says around a spoken message, from the template library's `voice_menu`
 * namespace (locales/<locale>/voice_menu.json); a sentence missing in a language is said in French.
 */
@Injectable()
export class VoicePrompts {
  constructor(private readonly library: TemplateLibrary) {}

  for(locale: string): VoicePromptTexts {
    const resources = this.library.sources.resources;
    const own = resources.get(locale as never)?.get('voice_menu') ?? {};
    const french = resources.get('fr')?.get('voice_menu') ?? {};
    const text = (key: keyof VoicePromptTexts) => {
      const value = own[KEYS[key]] ?? french[KEYS[key]];
      if (!value) throw new Error(`locales/fr/voice_menu.json: "${KEYS[key]}" is missing; add it (see templates/README.md).`);
      return value;
    };
    return {
      callbackPrompt: text('callbackPrompt'),
      callbackThanks: text('callbackThanks'),
      goodbye: text('goodbye'),
      agentAnnouncement: text('agentAnnouncement'),
    };
  }
}
