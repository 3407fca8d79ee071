import type { Channel } from './message-status';

/** A message decided on and rendered, before it is stored. */
export interface MessageDraft {
  idempotencyKey: string;
  /** The planned contact it carries out, if any. */
  plannedContactKey?: string | null;
  householdId: string;
  procedureId: string | null;
  signingPartnerIds: string[];
  channel: Channel;
  purpose: string;
  templateKey: string;
  templateVersion: string;
  locale: string;
  variant: string;
  recipient: string;
  subject: string | null;
  body: string;
  bodyHtml: string | null;
  notBefore: Date;
  correlationId: string | null;
}
