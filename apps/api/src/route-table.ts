import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/** One route as the HTTP server serves it: Nest controllers, the queue dashboard, the API docs. */
export interface ServedRoute {
  method: string;
  /** Fastify's path, parameters as `:name` (e.g. `/v1/households/:id/plan`). */
  url: string;
}

const tables = new WeakMap<object, ServedRoute[]>();

/**
 * Starts recording every route the server registers (call before `init`). The authorization
 * matrix test reads it to find routes that have no expected answer yet.
 */
export function recordRoutes(app: NestFastifyApplication): void {
  const routes: ServedRoute[] = [];
  tables.set(app, routes);
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRoute', (route) => {
      for (const method of [route.method].flat()) {
        if (method !== 'HEAD' && method !== 'OPTIONS') routes.push({ method, url: route.url });
      }
    });
}

/** Every route served, once each (after `init`). */
export function routeTable(app: NestFastifyApplication): ServedRoute[] {
  const routes = tables.get(app) ?? [];
  return [...new Map(routes.map((r) => [`${r.method} ${r.url}`, r])).values()];
}
