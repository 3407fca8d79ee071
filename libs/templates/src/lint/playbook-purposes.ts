import { PlaybookCatalog } from '@unisson/coordination';
import type { PlannedPurpose } from '../domain/coverage';

/**
 * Every purpose the shipped playbooks plan (national rules and each territory's own), with the
 * channels of its sequences and of the escalation after a returned letter: what lint:templates
 * checks the library against.
 */
export function shippedPurposes(catalog: PlaybookCatalog = PlaybookCatalog.load(), onDate = '2026-11-01'): PlannedPurpose[] {
  const byId = new Map<string, PlannedPurpose>();
  // '75' has no playbook of its own: it stands for the national rules.
  for (const territory of ['75', ...catalog.localTerritories()]) {
    const playbook = catalog.forTerritory(territory, onDate);
    const label = territory === '75' ? 'FR' : territory;
    // A returned letter (NPAI) moves any contact to the fallback channels and may suggest a home visit.
    const npai = playbook.escalation.npai;
    const escalated = [...npai.fallbackChannels, ...(npai.suggestHomeVisit ? ['homeVisit'] : [])];
    for (const purpose of playbook.purposes) {
      const entry = byId.get(purpose.id) ?? {
        id: purpose.id,
        stage: purpose.stage,
        channels: [],
        playbooks: [],
        addressee: purpose.addressee,
      };
      // A letter to the landlord that came back is not the household's returned mail: no escalation channels.
      const afterReturn = purpose.addressee === 'landlord' ? [] : escalated;
      for (const channel of [...purpose.sequence.map((s) => s.channel), ...afterReturn])
        if (!entry.channels.includes(channel)) entry.channels.push(channel);
      if (!entry.playbooks.includes(label)) entry.playbooks.push(label);
      byId.set(purpose.id, entry);
    }
  }
  return [...byId.values()];
}
