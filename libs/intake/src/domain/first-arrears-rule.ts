import type { Channel } from '@unisson/messaging';

/**
 * The fixed rule of the foundation, until the coordination engine plans contacts: on a
 * landlord's first-arrears alert, one SMS (if a mobile number is known and SMS is not refused)
 * and one e-mail (likewise), sent now, in the household's language.
 *
 * What it hands over to the coordination engine: the decision of which channels, when (quiet
 * hours, caps, the legal timeline), which partners co-sign, and which other partners' intents
 * merge into the same message.
 */
export interface FirstArrearsFacts {
  submissionId: string;
  mobilePhone: string | null;
  email: string | null;
  optedOut: ReadonlySet<string>;
}

export interface ChannelDecision {
  channel: Extract<Channel, 'sms' | 'email'>;
  recipient: string;
  idempotencyKey: string;
  purpose: 'premier_impaye_information';
}

export function decideFirstArrearsContacts(facts: FirstArrearsFacts): ChannelDecision[] {
  const decisions: ChannelDecision[] = [];
  const purpose = 'premier_impaye_information' as const;
  if (facts.mobilePhone && !facts.optedOut.has('sms')) {
    decisions.push({ channel: 'sms', recipient: facts.mobilePhone, idempotencyKey: `submission:${facts.submissionId}:sms:${purpose}`, purpose });
  }
  if (facts.email && !facts.optedOut.has('email')) {
    decisions.push({ channel: 'email', recipient: facts.email, idempotencyKey: `submission:${facts.submissionId}:email:${purpose}`, purpose });
  }
  return decisions;
}
