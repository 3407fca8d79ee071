/**
 * Jest's globalSetup runs outside the projects' moduleNameMapper: entities that import another
 * capability (`@unisson/vocabulary`) need the same alias as tsconfig's `paths`.
 */
import Module from 'node:module';
import { join } from 'node:path';

type Resolve = (request: string, ...rest: unknown[]) => string;
const resolver = Module as unknown as { _resolveFilename: Resolve };
const original = resolver._resolveFilename;
resolver._resolveFilename = function resolveUnisson(this: unknown, request: string, ...rest: unknown[]): string {
  const match = /^@unisson\/([a-z-]+)$/.exec(request);
  const target = match ? join(__dirname, '..', '..', 'libs', match[1], 'src') : request;
  return original.call(this, target, ...rest);
};
