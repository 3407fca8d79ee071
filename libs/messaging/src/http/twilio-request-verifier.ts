import { Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { isValidTwilioSignature } from '@unisson/channels';
import { APP_CONFIG, AppConfig } from '@unisson/config';
import { FailedAttempts, FORGERY_POLICY } from '@unisson/partners';
import { UnissonError, withUnsafeTextAsSpaces } from '@unisson/platform';

/**
 * Every request Twilio makes to us (status callbacks, TwiML fetches, key presses) must carry a
 * valid X-Twilio-Signature computed with our auth token over the exact public URL and parameters.
 */
@Injectable()
export class TwilioRequestVerifier {
  constructor(
    private readonly attempts: FailedAttempts,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A valid signature, else 403; a client that keeps forging them is locked out (429). */
  async verify(request: FastifyRequest, params: Record<string, string> | undefined): Promise<void> {
    await this.attempts.refuseIfLocked('webhook-signature', request.ip, FORGERY_POLICY);
    const url = `${this.config.api.publicBaseUrl}${request.url}`;
    const signature = request.headers['x-twilio-signature'];
    if (!isValidTwilioSignature(this.config.twilio.authToken, url, params ?? {}, typeof signature === 'string' ? signature : undefined)) {
      await this.attempts.recordFailure('webhook-signature', request.ip, FORGERY_POLICY);
      throw new UnissonError(
        'INVALID_SIGNATURE',
        'L’en-tête X-Twilio-Signature ne correspond pas à cette requête : vérifiez le jeton d’authentification Twilio et l’adresse publique du webhook.',
        403,
      );
    }
  }

  /**
   * The form Twilio posted, once its signature is verified over the exact values. What the text
   * check refuses elsewhere (a control or direction character in a caller's name, a city, an SMS)
   * reads as spaces: a provider's callback is never refused for its text, it would be lost.
   */
  async verifiedForm(request: FastifyRequest): Promise<Record<string, string>> {
    const posted = formOf(request.body);
    await this.verify(request, posted);
    return Object.fromEntries(Object.entries(posted).map(([key, value]) => [key, withUnsafeTextAsSpaces(value)]));
  }
}

/** A form body of string values (what Twilio posts), or a 400. */
export function formOf(body: unknown): Record<string, string> {
  if (body === undefined) return {}; // a request without a body: its signature covers the URL alone
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw UnissonError.validation([{ field: '(body)', message: 'doit être un formulaire (application/x-www-form-urlencoded)' }]);
  }
  return Object.fromEntries(Object.entries(body).map(([key, value]) => [key, String(value)]));
}
