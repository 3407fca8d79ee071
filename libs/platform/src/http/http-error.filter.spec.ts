import type { FastifyRequest } from 'fastify';
import { NotFoundException, ForbiddenException } from '@nestjs/common';
import { frenchFastifyMessage, frenchNestMessage } from './http-error.filter';

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

describe('Nest’s own answers, in French', () => {
  const asked = (method: string, url: string) => ({ method, url }) as FastifyRequest;

  it('names the unknown route asked, without its query string, and where the routes are', () => {
    const unknown = new NotFoundException('Cannot DELETE /v1/alerts?x=1');
    expect(frenchNestMessage(404, unknown.message, asked('DELETE', '/v1/alerts?x=1'))).toBe(
      'Cette adresse n’existe pas : DELETE /v1/alerts. Vérifiez le chemin et la méthode ; toutes les routes sont décrites sur /docs.',
    );
  });

  it('translates the texts of Nest’s built-in exceptions, and leaves ours as they are', () => {
    expect(frenchNestMessage(403, new ForbiddenException().message, asked('GET', '/'))).toMatch(/^Accès refusé/);
    expect(frenchNestMessage(404, 'Introuvable, ou hors de ce que votre organisation peut voir.', asked('GET', '/'))).toBeNull();
  });
});
