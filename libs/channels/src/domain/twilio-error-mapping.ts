import { ChannelError } from './channel-error';

/** What we know about a failed Twilio call, extracted from the SDK's RestException or a network error. */
export type TwilioFailure =
  | { kind: 'rest'; status: number; code: number | undefined; message: string }
  | { kind: 'network'; code: string | undefined; message: string }
  | { kind: 'client-validation'; message: string }
  | { kind: 'unknown'; message: string };

/** Twilio answers with these codes for requests that may succeed when tried again later. */
const RETRYABLE_TWILIO_CODES = new Set([
  20429, // too many requests
  20500, // internal server error
  20503, // service unavailable
  30001, // queue overflow
]);

export function isRetryableTwilioFailure(failure: TwilioFailure): boolean {
  switch (failure.kind) {
    case 'rest':
      if (failure.code !== undefined && RETRYABLE_TWILIO_CODES.has(failure.code)) return true;
      return failure.status === 429 || failure.status >= 500;
    case 'network':
    case 'unknown':
      return true;
    case 'client-validation':
      return false;
  }
}

/** Provider messages may quote the phone number: never let it reach our logs. */
export function redactPhoneNumbers(text: string): string {
  return text.replace(/\+?\d[\d .-]{5,}\d/g, '[numéro masqué]');
}

/** Network failures that prove the request never reached Twilio. */
const NEVER_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * Whether Twilio may have created the message despite the failure: a 5xx (the request was
 * received), a timeout or a connection dropped after the request left. Reconcile before retrying.
 */
export function mayHaveReachedTwilio(failure: TwilioFailure): boolean {
  if (failure.kind === 'rest') return failure.status >= 500;
  if (failure.kind === 'network') return !NEVER_SENT_CODES.has(failure.code ?? '');
  return failure.kind === 'unknown';
}

export function twilioFailureToChannelError(failure: TwilioFailure): ChannelError {
  const retryable = isRetryableTwilioFailure(failure);
  const maybeAccepted = mayHaveReachedTwilio(failure);
  switch (failure.kind) {
    case 'rest':
      return new ChannelError(
        'sms',
        failure.code !== undefined ? String(failure.code) : `HTTP_${failure.status}`,
        retryable,
        `Twilio a refusé la requête (HTTP ${failure.status}) : ${redactPhoneNumbers(failure.message)}`,
        failure.status,
        maybeAccepted,
      );
    case 'network':
      return new ChannelError(
        'sms',
        'NETWORK',
        retryable,
        `Twilio est injoignable (${failure.code ?? 'erreur réseau'}) : nouvel essai plus tard.`,
        null,
        maybeAccepted,
      );
    case 'client-validation':
      return new ChannelError('sms', 'INVALID_REQUEST', retryable, `Requête SMS invalide : ${redactPhoneNumbers(failure.message)}`);
    case 'unknown':
      return new ChannelError(
        'sms',
        'UNKNOWN',
        retryable,
        `Échec inattendu de l'envoi SMS : ${redactPhoneNumbers(failure.message)}`,
        null,
        maybeAccepted,
      );
  }
}
