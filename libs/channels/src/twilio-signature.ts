import twilio from 'twilio';

/**
 * Checks an X-Twilio-Signature header with the SDK's own algorithm (HMAC-SHA1 of the full URL
 * followed by the sorted POST parameters). `url` must be the exact public URL Twilio called,
 * query string included.
 */
export function isValidTwilioSignature(
  authToken: string,
  url: string,
  params: Record<string, string>,
  signature: string | undefined,
): boolean {
  if (!signature) return false;
  return twilio.validateRequest(authToken, signature, url, params);
}

/** The signature Twilio would send for this request (used by the provider sandbox). */
export function computeTwilioSignature(authToken: string, url: string, params: Record<string, string>): string {
  return twilio.getExpectedTwilioSignature(authToken, url, params);
}
