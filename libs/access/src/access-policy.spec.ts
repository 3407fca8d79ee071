import { UnissonError } from '@unisson/platform';
import { AccessPolicy } from './access-policy';
import { KeyPrincipal } from './domain/principal';

const landlord: KeyPrincipal = {
  type: 'api_key',
  keyId: 'k-landlord',
  partnerId: 'p-landlord',
  partnerKind: 'bailleur_social',
  territories: ['93'],
  scopes: ['alerts:write', 'events:write', 'plans:read', 'households:rights'],
};

function thrown(act: () => void): UnissonError {
  try {
    act();
  } catch (error) {
    return error as UnissonError;
  }
  throw new Error('expected a refusal');
}

describe('AccessPolicy as HTTP answers', () => {
  it('answers another partner’s resource with the very 404 of a thing that does not exist (status, code and message)', () => {
    const policy = new AccessPolicy();
    const othersResource = thrown(() =>
      policy.assert(landlord, 'household.plan.read', { territory: '93', recordHolderPartnerIds: ['p-other'] }),
    );
    const unknown = UnissonError.notFound();
    expect({ status: othersResource.statusCode, code: othersResource.code, message: othersResource.message }).toEqual({
      status: unknown.statusCode,
      code: unknown.code,
      message: unknown.message,
    });
    expect(unknown.statusCode).toBe(404);
    // In French, as every answer to a person.
    expect(unknown.message).toBe('Introuvable, ou hors de ce que votre organisation peut voir.');
  });
});
