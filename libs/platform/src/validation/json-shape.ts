import { FieldProblem } from '../errors';

/** Deeper than any body a route takes (the deepest, a stage event's `hearing.at`, is 2 levels). */
export const MAX_JSON_DEPTH = 32;

/** Keys that would reach an object's prototype if some code copied the body onto another object. */
const PROTOTYPE_KEY = '__proto__';

/**
 * What no JSON body may be, whatever its route: nested deeper than `maxDepth` (every walk over it,
 * ours or a library's, would risk the call stack), or holding a `__proto__` key, or a
 * `constructor` key holding `prototype` (prototype pollution). Walked with a stack of its own, never
 * by recursion, so that a body of 100,000 brackets is measured, not followed.
 */
export function jsonShapeProblem(value: unknown, maxDepth = MAX_JSON_DEPTH): FieldProblem | null {
  const pending: Array<{ node: unknown; path: string[] }> = [{ node: value, path: [] }];
  while (pending.length) {
    const { node, path } = pending.pop()!;
    // Only what JSON.parse makes (arrays and plain objects): a stream (a CSV upload), a Buffer or a Date is no JSON to walk.
    if (!isJsonContainer(node)) continue;
    if (path.length >= maxDepth)
      return {
        field: '(body)',
        message: `est imbriqué sur plus de ${maxDepth} niveaux (tableaux et objets les uns dans les autres) : aucune route n’accepte cela`,
      };
    const field = path.length ? path.join('.') : '(body)';
    if (Object.prototype.hasOwnProperty.call(node, PROTOTYPE_KEY))
      return { field, message: `contient la clé "${PROTOTYPE_KEY}", refusée (elle pourrait modifier tous les objets du service)` };
    const constructorValue = (node as Record<string, unknown>).constructor;
    if (
      Object.prototype.hasOwnProperty.call(node, 'constructor') &&
      constructorValue !== null &&
      typeof constructorValue === 'object' &&
      Object.prototype.hasOwnProperty.call(constructorValue, 'prototype')
    )
      return { field, message: 'contient la clé "constructor" avec un "prototype", refusée' };
    for (const [key, item] of Object.entries(node)) pending.push({ node: item, path: [...path, key] });
  }
  return null;
}

function isJsonContainer(node: unknown): node is object {
  if (node === null || typeof node !== 'object') return false;
  if (Array.isArray(node)) return true;
  const prototype: unknown = Object.getPrototypeOf(node);
  return prototype === Object.prototype || prototype === null;
}
