import type { FastifyInstance } from 'fastify';
import { UnissonError } from '../errors';
import { jsonShapeProblem } from '../validation/json-shape';

/**
 * Every parsed body's shape checked once, before any guard, pipe or handler walks it (see
 * `jsonShapeProblem`): nested too deep, or holding a `__proto__` key, it is a 400 naming the
 * problem. Fastify's parser is set to leave `__proto__` in (`onProtoPoisoning: 'ignore'`), so that
 * this answer, not "Body is not valid JSON" (it is valid), is what the client reads.
 */
export function refuseMisshapenBodies(fastify: FastifyInstance): void {
  fastify.addHook('preValidation', async (request) => {
    const problem = jsonShapeProblem(request.body);
    if (problem) throw UnissonError.validation([problem]);
  });
}

/** The Fastify options that go with `refuseMisshapenBodies`. */
export const PROTOTYPE_KEYS_LEFT_TO_THE_SHAPE_CHECK = { onProtoPoisoning: 'ignore', onConstructorPoisoning: 'ignore' } as const;
