/**
 * Loads the territories' playbooks from `libs/coordination/playbooks/*.json` and picks the one
 * that applies to a territory on a date. The only file of the engine that reads the disk.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Playbook, parsePlaybook } from '../domain/playbook.schema';

export const PLAYBOOK_DIRECTORY = join(__dirname, '..', '..', 'playbooks');

export class PlaybookCatalog {
  private constructor(private readonly playbooks: readonly Playbook[]) {}

  /** Reads and validates every playbook; throws with the file name and what to fix. */
  static load(directory = PLAYBOOK_DIRECTORY): PlaybookCatalog {
    const files = readdirSync(directory)
      .filter((f) => f.endsWith('.json'))
      .sort();
    if (files.length === 0) throw new Error(`Aucun playbook dans ${directory} : ajoutez un fichier <département>.json`);
    const playbooks = files.map((file) => {
      const raw: unknown = JSON.parse(readFileSync(join(directory, file), 'utf8'));
      return parsePlaybook(raw, file);
    });
    return new PlaybookCatalog(playbooks);
  }

  static of(playbooks: readonly Playbook[]): PlaybookCatalog {
    return new PlaybookCatalog(playbooks);
  }

  all(): readonly Playbook[] {
    return this.playbooks;
  }

  /** The playbook in force for a territory on a civil date (latest validFrom wins). */
  forTerritory(territory: string, onDate: string): Playbook {
    const candidates = this.playbooks
      .filter((p) => p.territory === territory && p.validFrom <= onDate && (!p.validUntil || onDate <= p.validUntil))
      .sort((a, b) => b.validFrom.localeCompare(a.validFrom));
    if (candidates.length === 0) {
      throw new Error(`Pas de playbook pour le territoire ${territory} au ${onDate} : ajoutez-en un dans libs/coordination/playbooks/`);
    }
    return candidates[0];
  }
}
