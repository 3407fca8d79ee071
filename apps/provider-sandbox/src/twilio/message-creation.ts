import type { FormParams } from '../domain/create-requests';
import type { SandboxFaults, TwilioFault } from '../domain/faults';
import { TwilioApiError, twilioErrors } from '../domain/twilio-errors';
import type { SandboxMessage } from '../domain/twilio-resources';
import type { TwilioEmulator } from './twilio-emulator';

/** The client hung up during a `timeout-drop` fault: nothing was created, nothing is answered. */
export const CLIENT_GONE = Symbol('client gone');

export type MessageAnswer = SandboxMessage | TwilioApiError | typeof CLIENT_GONE;

/**
 * What POST Messages.json answers, injected faults included, for both ways in (Fastify's route
 * and the fast path in front of it). Without a fault the answer is synchronous: no promise, no
 * timer for the common case.
 */
export function createMessageAnswer(
  emulator: TwilioEmulator,
  faults: SandboxFaults | undefined,
  params: FormParams,
  clientGone: () => boolean,
): MessageAnswer | Promise<MessageAnswer> {
  const fault = faults?.nextTwilio() ?? null;
  if (fault === null) return emulator.createMessage(params);
  return answerWithFault(fault, faults?.twilio.delayMs ?? 0, () => emulator.createMessage(params), clientGone);
}

async function answerWithFault(
  fault: TwilioFault,
  delayMs: number,
  create: () => SandboxMessage | TwilioApiError,
  clientGone: () => boolean,
): Promise<MessageAnswer> {
  const delay = () => new Promise((resolve) => setTimeout(resolve, delayMs));
  if (fault === '500') return twilioErrors.internal();
  if (fault === '429') return twilioErrors.tooManyRequests();
  if (fault === 'timeout-drop') {
    await delay();
    // The client gave up: like a request lost on the way, nothing is created.
    if (clientGone()) return CLIENT_GONE;
  }
  const result = create();
  if (result instanceof TwilioApiError) return result;
  if (fault === '500-after-create') return twilioErrors.internal();
  if (fault === 'timeout-after-create') await delay();
  return result;
}
