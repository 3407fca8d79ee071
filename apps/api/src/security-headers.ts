import type { FastifyInstance } from 'fastify';

/**
 * What every page of the service says to the browser: never shown inside another site's frame
 * (the sign-in, admin, campaign, import and analysis pages hold actions a click could be tricked
 * into), its content types taken as sent. A page that states its own Content-Security-Policy
 * (the household's response page, the queue dashboard) keeps it.
 */
export const PAGE_FRAME_POLICY = "frame-ancestors 'none'";

export function addSecurityHeaders(fastify: FastifyInstance): void {
  fastify.addHook('onSend', async (_request, reply, payload) => {
    void reply.header('x-content-type-options', 'nosniff');
    if (String(reply.getHeader('content-type') ?? '').startsWith('text/html')) {
      if (!reply.hasHeader('content-security-policy')) void reply.header('content-security-policy', PAGE_FRAME_POLICY);
      void reply.header('x-frame-options', 'DENY');
    }
    return payload;
  });
}
