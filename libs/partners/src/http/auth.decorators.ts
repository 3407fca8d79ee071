import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { ApiScope, PartnerPrincipal } from '../domain/api-scope';

export const PUBLIC_ROUTE = 'unisson:public-route';
export const REQUIRED_SCOPES = 'unisson:required-scopes';
export const WEB_PAGE = 'unisson:web-page';

/**
 * Marks a route that needs no partner API key (health, docs, provider webhooks that carry their
 * own signature). Every other route is closed by default.
 */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** The scopes an API key must hold for this route. */
export const RequireScopes = (...scopes: ApiScope[]) => SetMetadata(REQUIRED_SCOPES, scopes);

/** The authenticated partner of the request. */
export const CurrentPartner = createParamDecorator(
  (_: unknown, context: ExecutionContext): PartnerPrincipal =>
    context.switchToHttp().getRequest<{ principal: PartnerPrincipal }>().principal,
);

/** An HTML page for people: without a session it redirects to the sign-in page instead of a 401. */
export const WebPage = () => SetMetadata(WEB_PAGE, true);
