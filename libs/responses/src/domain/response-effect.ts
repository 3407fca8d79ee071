import { isHouseholdAnswer, ResponseKind } from '@unisson/vocabulary';

/** What became of the planned contact a response is about, in the engine's words. */
export type ContactOutcomeOfResponse = 'responded' | 'npai' | 'undelivered' | 'refused';

const CONTACT_OUTCOME: Partial<Record<ResponseKind, ContactOutcomeOfResponse>> = {
  letter_returned: 'npai',
  email_bounced: 'undelivered',
  call_wrong_number: 'undelivered',
  // The household no longer lives there: the address is invalid, as for a returned letter.
  visit_moved: 'npai',
  call_refused: 'refused',
  visit_refused: 'refused',
};

/**
 * How a new response changes the plan: the contact it follows gets an outcome (a returned letter
 * moves its purposes to the next channel, a refusal pauses the channel), and an answer of the
 * household tells the engine the household responded (reminders stop, the stage goes on).
 */
export interface ResponseEffect {
  contactOutcome: ContactOutcomeOfResponse | null;
  householdResponded: boolean;
}

export function responseEffect(kind: ResponseKind, hasPlannedContact: boolean): ResponseEffect {
  const answered = isHouseholdAnswer(kind);
  const specific = CONTACT_OUTCOME[kind] ?? null;
  const contactOutcome = hasPlannedContact ? (specific ?? (answered ? 'responded' : null)) : null;
  // A refusal is an answer, but it is told to the engine through the contact's outcome.
  return { contactOutcome, householdResponded: answered && contactOutcome !== 'refused' };
}
