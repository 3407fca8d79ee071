import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { CHANNELS, LOCALES, TEMPLATE_KEYS, VARIABLE_TYPES, type Locale, type TemplateKey } from '../domain/catalogue';
import { PICTOGRAMS, type PictogramId } from '../domain/pictograms';
import type { Resources, TemplateDefinition } from '../domain/template-definition';
import type { VersionLock } from '../domain/version-lock';

/**
 * Reads the library from disk once: templates/<key>/template.json, locales/<locale>/<ns>.json
 * (i18next resources, one namespace per template plus `common`), templates/layouts/*, the version
 * lock and the channel budgets.
 */

const pictogram = z.enum(Object.keys(PICTOGRAMS) as [PictogramId, ...PictogramId[]]);
const definitionSchema = z.object({
  key: z.enum(TEMPLATE_KEYS),
  version: z.number().int().positive(),
  title: z.string().min(1),
  stage: z.string().min(1),
  purpose: z.string().min(1),
  channels: z.array(z.enum(CHANNELS)).min(1),
  variables: z.record(z.string(), z.enum(VARIABLE_TYPES)),
  phrases: z.record(z.string(), z.string()).default({}),
  pictogram,
  sectionPictograms: z.object({ what: pictogram, todo: pictogram, help: pictogram, details: pictogram }),
  sample: z.record(z.string(), z.union([z.string(), z.number()])),
  /** Playbook purposes this template words (several purposes: a deliberate, declared reuse). */
  purposes: z.array(z.string().min(1)).default([]),
  /** Variable -> key of the common namespace written instead when the fact is unknown. */
  fallbacks: z.record(z.string(), z.string()).default({}),
});

const budgetsSchema = z.object({
  sms: z.record(z.string(), z.object({ short: z.number().int().positive(), detailed: z.number().int().positive() })),
  /** Extra segments a "with pictograms" SMS may use: an emoji switches the whole SMS to UCS-2. */
  smsPictogramAllowance: z.number().int().min(0),
  /** Price of one SMS part (euros), for the cost report of lint:templates and the plan's cost. */
  smsPricePerPart: z.number().min(0).default(0.045),
  /** What a plan's contacts cost: postage per class (euros, 20 g) and the staff minutes of a home visit. */
  postagePrices: z.record(z.string(), z.number().min(0)).default({ lettre_simple: 1.39, lettre_suivie: 1.99, lettre_recommandee: 5.36 }),
  visitMinutes: z.number().int().min(0).default(90),
  letter: z.object({
    charsPerLine: z.number().int().positive(),
    linesPerPage: z.number().int().positive(),
    maxPages: z.object({ short: z.number().positive(), detailed: z.number().positive() }),
  }),
  readability: z.object({ falcMin: z.number(), frMin: z.number() }),
});
export type ChannelBudgets = z.infer<typeof budgetsSchema>;

export interface TemplateSources {
  definitions: Map<TemplateKey, TemplateDefinition>;
  /** locale -> namespace -> flat resources */
  resources: Map<Locale, Map<string, Resources>>;
  layouts: Record<string, string>;
  lock: VersionLock;
  budgets: ChannelBudgets;
  root: string;
}

export class TemplateSourceError extends Error {}

/** The repository root (libs/templates/src/library/../../../..), or the working directory in a build. */
export function defaultLibraryRoot(): string {
  const fromSource = resolve(__dirname, '../../../..');
  return existsSync(join(fromSource, 'templates', 'layouts')) ? fromSource : process.cwd();
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch (e) {
    throw new TemplateSourceError(`Impossible de lire ${path} : ${(e as Error).message}. Corrigez le JSON puis relancez.`);
  }
}

export function flatten(obj: unknown, prefix = '', out: Record<string, string> = {}): Record<string, string> {
  if (typeof obj === 'string') {
    out[prefix] = obj;
    return out;
  }
  if (obj && typeof obj === 'object' && !Array.isArray(obj)) {
    for (const [k, v] of Object.entries(obj)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
    return out;
  }
  throw new TemplateSourceError(`Valeur inattendue pour la clé "${prefix}" : seules les chaînes et les objets sont permis.`);
}

export function loadTemplateSources(root: string = defaultLibraryRoot()): TemplateSources {
  const templatesDir = join(root, 'templates');
  const definitions = new Map<TemplateKey, TemplateDefinition>();
  for (const key of TEMPLATE_KEYS) {
    const path = join(templatesDir, key, 'template.json');
    if (!existsSync(path)) throw new TemplateSourceError(`Modèle manquant : ${path}. Créez-le (voir templates/README.md).`);
    const parsed = definitionSchema.safeParse(readJson(path));
    if (!parsed.success) throw new TemplateSourceError(`${path} invalide : ${parsed.error.message}`);
    if (parsed.data.key !== key) throw new TemplateSourceError(`${path} : "key" doit valoir "${key}".`);
    definitions.set(key, parsed.data);
  }
  const resources = new Map<Locale, Map<string, Resources>>();
  for (const locale of LOCALES) {
    const dir = join(root, 'locales', locale);
    const byNs = new Map<string, Resources>();
    if (existsSync(dir)) {
      for (const file of readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .sort()) {
        byNs.set(file.replace(/\.json$/, ''), flatten(readJson(join(dir, file))));
      }
    }
    resources.set(locale, byNs);
  }
  const layouts: Record<string, string> = {};
  for (const file of readdirSync(join(templatesDir, 'layouts')).sort()) {
    layouts[file] = readFileSync(join(templatesDir, 'layouts', file), 'utf8');
  }
  const lockPath = join(templatesDir, 'versions.lock.json');
  const lock = existsSync(lockPath) ? (readJson(lockPath) as VersionLock) : {};
  const budgets = budgetsSchema.parse(readJson(join(templatesDir, 'budgets.json')));
  return { definitions, resources, layouts, lock, budgets, root };
}
