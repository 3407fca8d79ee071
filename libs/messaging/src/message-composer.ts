import type { Channel } from './domain/message-status';

export interface CompositionRequest {
  purpose: string;
  channel: Channel;
  locale: string;
  variables: Record<string, string | number>;
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

/** Port: turns a purpose, a channel, a language and variables into the text a household reads. */
export abstract class MessageComposer {
  abstract compose(request: CompositionRequest): ComposedMessage;
}
