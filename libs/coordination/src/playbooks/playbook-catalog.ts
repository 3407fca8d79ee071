/**
 * Loads the playbooks from `libs/coordination/playbooks/*.json` — the national one
 * (`territory: "FR"`) and the départements' own — and gives the playbook of a territory on a
 * date: the national rules, overridden stage by stage by the département's playbook when it has
 * one. The only file of the engine that reads the disk.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DEPARTEMENT_CODE_RULE, isDepartement } from '@unisson/vocabulary';
import { resolvePlaybook } from '../domain/playbook-resolution';
import { LocalPlaybook, Playbook, parseLocalPlaybook, parsePlaybook } from '../domain/playbook.schema';

export const PLAYBOOK_DIRECTORY = join(__dirname, '..', '..', 'playbooks');

const inForce = (p: { validFrom: string; validUntil: string | null }, onDate: string): boolean =>
  p.validFrom <= onDate && (!p.validUntil || onDate <= p.validUntil);

const latestFirst = (a: { validFrom: string }, b: { validFrom: string }): number => b.validFrom.localeCompare(a.validFrom);

export class PlaybookCatalog {
  private readonly resolved = new Map<string, Playbook>();

  private constructor(
    private readonly nationals: readonly Playbook[],
    private readonly locals: readonly LocalPlaybook[],
  ) {
    if (nationals.length === 0)
      throw new Error('Aucun playbook national (territory "FR") : ajoutez libs/coordination/playbooks/00-national.json');
    // Every local playbook must fit the national rules it overrides: fail at start, not at the first alert.
    for (const local of locals) for (const national of nationals) resolvePlaybook(national, local, local.territory);
  }

  /** Reads and validates every playbook; throws with the file name and what to fix. */
  static load(directory = PLAYBOOK_DIRECTORY): PlaybookCatalog {
    const files = readdirSync(directory)
      .filter((f) => f.endsWith('.json'))
      .sort();
    const nationals: Playbook[] = [];
    const locals: LocalPlaybook[] = [];
    for (const file of files) {
      const raw = JSON.parse(readFileSync(join(directory, file), 'utf8')) as { territory?: unknown };
      if (raw.territory === 'FR') nationals.push(parsePlaybook(raw, file));
      else locals.push(parseLocalPlaybook(raw, file));
    }
    return new PlaybookCatalog(nationals, locals);
  }

  static of(nationals: readonly Playbook[], locals: readonly LocalPlaybook[] = []): PlaybookCatalog {
    return new PlaybookCatalog(nationals, locals);
  }

  /** Territories with a playbook of their own (the others follow the national rules). */
  localTerritories(): string[] {
    return [...new Set(this.locals.map((l) => l.territory))].sort();
  }

  /** The playbook in force for a territory (département code) on a civil date. */
  forTerritory(territory: string, onDate: string): Playbook {
    if (!isDepartement(territory)) {
      throw new Error(`Territoire inconnu « ${territory} » : le territoire ${DEPARTEMENT_CODE_RULE}`);
    }
    const national = this.nationals.filter((p) => inForce(p, onDate)).sort(latestFirst)[0];
    if (!national) throw new Error(`Pas de playbook national en vigueur au ${onDate} : ajoutez-en un dans libs/coordination/playbooks/`);
    const local = this.locals.filter((p) => p.territory === territory && inForce(p, onDate)).sort(latestFirst)[0] ?? null;
    const key = `${national.version}|${territory}|${local?.version ?? '-'}|${local?.validFrom ?? ''}`;
    let playbook = this.resolved.get(key);
    if (!playbook) {
      playbook = resolvePlaybook(national, local, territory);
      this.resolved.set(key, playbook);
    }
    return playbook;
  }
}
