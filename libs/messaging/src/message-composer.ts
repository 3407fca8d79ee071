import type { TemplateKey, Variables } from '@unisson/templates';
import type { MessageChannel as Channel } from '@unisson/vocabulary';

export interface CompositionRequest {
  templateKey: TemplateKey;
  channel: Channel;
  /** The household's preferred language; unknown ones fall back to French. */
  locale: string;
  variables: Variables;
  /** The template library's variant id to render (`neutral.short.plain`); absent: the library's default. */
  variant?: string | null;
}

export interface ComposedMessage {
  templateKey: string;
  /** Content hash of the exact template version used. */
  templateVersion: string;
  locale: string;
  variant: string;
  subject: string | null;
  text: string;
  html: string | null;
}

/** Port: turns a template, a channel, a language and variables into the text a household reads. */
export abstract class MessageComposer {
  abstract compose(request: CompositionRequest): Promise<ComposedMessage>;
}
