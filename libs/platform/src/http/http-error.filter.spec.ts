import type { FastifyRequest } from 'fastify';
import { frenchFastifyMessage } from './http-error.filter';

describe('Fastify’s refusals of a body, in French', () => {
  const request = (bodyLimit: number, contentType?: string) =>
    ({ headers: contentType ? { 'content-type': contentType } : {}, routeOptions: { bodyLimit } }) as unknown as FastifyRequest;

  it.each([
    [256 * 1024, 'Corps trop volumineux : 256 Ko au plus.'],
    [1024 * 1024, 'Corps trop volumineux : 1 Mo au plus.'],
    [500, 'Corps trop volumineux : 500 octets au plus.'],
  ])('gives the route’s own limit of %i bytes', (limit, said) => {
    expect(frenchFastifyMessage('FST_ERR_CTP_BODY_TOO_LARGE', request(limit))).toMatch(new RegExp(`^${said} Envoyez moins`));
  });

  it('names the type sent and the one to send', () => {
    expect(frenchFastifyMessage('FST_ERR_CTP_INVALID_MEDIA_TYPE', request(1, 'application/merge-patch+json'))).toBe(
      'Type de contenu non pris en charge (application/merge-patch+json) : envoyez Content-Type: application/json.',
    );
    expect(frenchFastifyMessage('FST_ERR_CTP_INVALID_MEDIA_TYPE', request(1))).toBe(
      'Type de contenu non pris en charge : envoyez Content-Type: application/json.',
    );
  });
});
