import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { landlordLetterSchema, type LandlordLetter } from '../domain/landlord-letter';
import { defaultLibraryRoot, TemplateSourceError } from './template-source';

/** Loads templates/landlord/*.json (letters to the private landlord, French only); none when the folder is absent. */
export function loadLandlordLetters(root: string = defaultLibraryRoot()): LandlordLetter[] {
  const dir = join(root, 'templates', 'landlord');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => {
      const path = join(dir, file);
      let raw: unknown;
      try {
        raw = JSON.parse(readFileSync(path, 'utf8'));
      } catch (e) {
        throw new TemplateSourceError(`Impossible de lire ${path} : ${(e as Error).message}. Corrigez le JSON puis relancez.`);
      }
      const parsed = landlordLetterSchema.safeParse(raw);
      if (!parsed.success) throw new TemplateSourceError(`${path} invalide : ${parsed.error.message}`);
      if (`${parsed.data.key}.json` !== file)
        throw new TemplateSourceError(`${path} : "key" doit valoir "${file.replace(/\.json$/, '')}".`);
      return parsed.data;
    });
}
