import type { FastifyReply } from 'fastify';
import { loadConfig } from '@unisson/config';
import type { AuthenticationService } from '../authentication.service';
import { lockUntilAfterFailure } from '../domain/sign-in';
import { SignInController } from './sign-in.controller';

/** The sign-in page as a person reads it (tags dropped, spaces folded). */
function signInPageText(): string {
  const headers = new Map<string, unknown>();
  const reply = {
    getHeader: (name: string) => headers.get(name),
    header(name: string, value: unknown) {
      headers.set(name, value);
      return this;
    },
  } as unknown as FastifyReply;
  const page = new SignInController({} as AuthenticationService, loadConfig({ LOG_LEVEL: 'silent' })).page(undefined, reply);
  return page
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

describe('the sign-in page tells the lockout as it happens', () => {
  const now = 1_000_000;
  const text = signInPageText();

  it('names the wrong password that locks the account, and the lock it brings', () => {
    const [, nth, first] = /Au (\d+)(?:er|e) mot de passe faux de suite, le compte est bloqué (\d+) minutes?/.exec(text) ?? [];
    expect(nth).toBeDefined();
    const n = Number(nth);
    expect(lockUntilAfterFailure(n - 1, now)).toBeNull();
    expect(lockUntilAfterFailure(n, now)!.getTime() - now).toBe(Number(first) * 60_000);
  });

  it('says how long the lock grows, and up to when', () => {
    const [, hours] = /jusqu’à (\d+) heures?/.exec(text) ?? [];
    expect(text).toContain('puis 2, 4… minutes à chaque nouvel essai faux');
    expect(lockUntilAfterFailure(100, now)!.getTime() - now).toBe(Number(hours) * 3_600_000);
  });
});
