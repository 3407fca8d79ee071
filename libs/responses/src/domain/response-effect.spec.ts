import { RESPONSE_KINDS } from '@unisson/vocabulary';
import { responseEffect } from './response-effect';

describe('how a response changes the plan', () => {
  it('a returned letter moves its planned contact to the returned-address path, without saying the household answered', () => {
    expect(responseEffect('letter_returned', true)).toEqual({ contactOutcome: 'npai', householdResponded: false });
  });

  it('a call-back request after a message answers that contact and tells the engine the household responded', () => {
    expect(responseEffect('callback_requested', true)).toEqual({ contactOutcome: 'responded', householdResponded: true });
  });

  it('a refusal pauses the contact (refused) and is not also counted as an ordinary answer', () => {
    expect(responseEffect('call_refused', true)).toEqual({ contactOutcome: 'refused', householdResponded: false });
  });

  it('an unanswered call changes nothing by itself (the task capability counts the attempts)', () => {
    expect(responseEffect('call_no_answer', true)).toEqual({ contactOutcome: null, householdResponded: false });
  });

  it('without a planned contact, only the household-level effect remains', () => {
    for (const kind of RESPONSE_KINDS) expect(responseEffect(kind, false).contactOutcome).toBeNull();
    expect(responseEffect('dsf_appointment_booked', false).householdResponded).toBe(true);
    expect(responseEffect('evicted', false).householdResponded).toBe(false);
  });
});
