import { createHash } from 'node:crypto';
import type { Resources, TemplateDefinition } from './template-definition';

/**
 * The immutable identity of what a household sees: a SHA-256 over everything that shapes the
 * text of one template in one locale (its definition without sample data, its namespace, the
 * shared `common` namespace and the layouts). Same content, same hash, whatever the file order.
 */
export function contentHash(input: {
  locale: string;
  definition: TemplateDefinition;
  resources: Resources;
  common: Resources;
  layouts: Readonly<Record<string, string>>;
}): string {
  const { sample: _sample, ...definition } = input.definition;
  void _sample;
  const canonical = canonicalJson({
    locale: input.locale,
    definition,
    resources: input.resources,
    common: input.common,
    layouts: input.layouts,
  });
  return createHash('sha256').update(canonical).digest('hex').slice(0, 16);
}

export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(v as Record<string, unknown>)
    .filter(([, x]) => x !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonicalJson(x)}`).join(',')}}`;
}
