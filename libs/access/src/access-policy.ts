import { Injectable } from '@nestjs/common';
import { UnissonError } from '@unisson/platform';
import type { Action } from './domain/actions';
import { decide, mayAttempt, NOT_VISIBLE_MESSAGE, statusOfDenial } from './domain/policy';
import type { Principal } from './domain/principal';
import type { Resource } from './domain/resource';

/** The policy as an error: what the routes call. A refusal becomes 401, 403 or 404 (never revealing). */
@Injectable()
export class AccessPolicy {
  assert(principal: Principal | null, action: Action, resource: Resource): void {
    const decision = decide(principal, action, resource);
    if (!decision.allow) throw refusal(decision.reason, decision.message);
  }

  /**
   * A resource looked up by its identifier: an unknown one (null) and one the principal may not see
   * answer the very same 404, so that guessing identifiers reveals nothing.
   */
  assertFound<T>(
    principal: Principal | null,
    action: Action,
    found: T | null | undefined,
    resourceOf: (found: T) => Resource,
  ): asserts found is T {
    const attempt = mayAttempt(principal, action);
    if (!attempt.allow) throw refusal(attempt.reason, attempt.message);
    if (found === null || found === undefined) throw refusal('not_visible', NOT_VISIBLE_MESSAGE);
    this.assert(principal, action, resourceOf(found));
  }

  assertMayAttempt(principal: Principal | null, action: Action): void {
    const decision = mayAttempt(principal, action);
    if (!decision.allow) throw refusal(decision.reason, decision.message);
  }

  allows(principal: Principal | null, action: Action, resource: Resource): boolean {
    return decide(principal, action, resource).allow;
  }
}

function refusal(reason: Parameters<typeof statusOfDenial>[0], message: string): UnissonError {
  const status = statusOfDenial(reason);
  // Not visible: the very answer of a thing that does not exist.
  if (status === 404) return UnissonError.notFound();
  return new UnissonError(status === 401 ? 'UNAUTHENTICATED' : 'FORBIDDEN', message, status);
}
