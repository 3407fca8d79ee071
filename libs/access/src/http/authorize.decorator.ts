import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Action } from '../domain/actions';
import type { Principal } from '../domain/principal';

export const AUTHORIZED_ACTION = 'unisson:authorized-action';
export const WEB_PAGE = 'unisson:web-page';

/** An HTML page for people: without a session it redirects to the sign-in page instead of a 401; API keys are refused. */
export const WebPage = () => SetMetadata(WEB_PAGE, true);

/**
 * The action a route performs. The authentication guard accepts an API key or a signed-in person
 * and refuses, before the handler runs, whoever may not attempt the action (scope, role,
 * organisation kind); the handler then asks `AccessPolicy.assert` once it knows the resource.
 */
export const Authorize = (action: Action) => SetMetadata(AUTHORIZED_ACTION, action);

/** The authenticated principal (API key or person) of the request. */
export const CurrentPrincipal = createParamDecorator(
  (_: unknown, context: ExecutionContext): Principal => context.switchToHttp().getRequest<{ actor: Principal }>().actor,
);
