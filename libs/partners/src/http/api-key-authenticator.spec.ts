import type { AppConfig } from '@unisson/config';
import type { PartnersRepository } from '../partners.repository';
import { ApiKeyAuthenticator } from './api-key-authenticator';
import type { FailedAttempts } from './failed-attempts';

describe('an API key that is missing or not of the form uk_…', () => {
  // Neither the database nor the lockout counter is asked: the header is refused as written.
  const authenticator = new ApiKeyAuthenticator({} as PartnersRepository, {} as FailedAttempts, {} as AppConfig);

  it.each([[{}], [{ authorization: 'Bearer pas-une-cle' }], [{ 'x-api-key': 'uk_' }]])(
    'is a 401 in French naming the header to send (%j)',
    async (headers) => {
      await expect(authenticator.authenticate(headers, '192.0.2.1')).rejects.toMatchObject({
        code: 'UNAUTHENTICATED',
        statusCode: 401,
        message: expect.stringMatching(/^Clé d’API absente ou mal formée : envoyez l’en-tête Authorization: Bearer uk_… avec la clé/),
      });
    },
  );
});
