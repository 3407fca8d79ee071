import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { PartnerPrincipal } from '../domain/api-scope';

export const PUBLIC_ROUTE = 'unisson:public-route';
export { WEB_PAGE, WebPage } from '@unisson/access';

/**
 * Marks a route that needs no identity (health, sign-in, provider webhooks that carry their own
 * signature, sample-only template previews). Every other route is closed by default and names its
 * action with `@Authorize` (libs/access).
 */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** The API key's partner of the request (routes whose action only API keys may do). */
export const CurrentPartner = createParamDecorator(
  (_: unknown, context: ExecutionContext): PartnerPrincipal =>
    context.switchToHttp().getRequest<{ principal: PartnerPrincipal }>().principal,
);
