/** Figures and the HTML report of the simulation (pure: returns data and a string). */
import { CONTACT_CHANNELS, ContactChannel, PROCEDURE_STAGES, ProcedureStage, STAGE_LABELS } from '@unisson/vocabulary';
import type { SimulationTotals, StageTally } from './simulation';

export interface Distribution {
  mean: number;
  median: number;
  p95: number;
}

export function distribution(values: readonly number[]): Distribution {
  if (values.length === 0) return { mean: 0, median: 0, p95: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  const mean = sorted.reduce((s, v) => s + v, 0) / sorted.length;
  return { mean: Math.round(mean * 100) / 100, median: at(0.5), p95: at(0.95) };
}

type Side = 'baseline' | 'unisson';

export interface SimulationSummary {
  households: number;
  stagesVisited: number;
  perStage: Record<string, Record<Side, Record<ContactChannel, Distribution>>>;
  nonLegalLettersPerHouseholdPerStage: Record<Side, Distribution>;
  lettersTotal: Record<Side, number>;
  messagesTotal: Record<Side, Record<ContactChannel, number>>;
  lettersPerHousehold: Record<Side, Distribution>;
  letterReduction: number;
  contradictoryMessages: Record<Side, number>;
  legalActsSuppressed: number;
  legalIntents: number;
  contactsOutsideAllowedHours: number;
  plansComputed: number;
  targets: Record<string, boolean>;
}

function count(tally: StageTally, side: Side, channel: ContactChannel): number {
  return tally[side][channel] ?? 0;
}

export function summarise(totals: SimulationTotals, households: number): SimulationSummary {
  const sides: Side[] = ['baseline', 'unisson'];
  const perStage: SimulationSummary['perStage'] = {};
  for (const stage of PROCEDURE_STAGES) {
    const tallies = totals.tallies.filter((t) => t.stage === stage);
    if (tallies.length === 0) continue;
    perStage[stage] = Object.fromEntries(
      sides.map((side) => [
        side,
        Object.fromEntries(CONTACT_CHANNELS.map((c) => [c, distribution(tallies.map((t) => count(t, side, c)))])),
      ]),
    ) as Record<Side, Record<ContactChannel, Distribution>>;
  }
  const byHousehold = new Map<string, Record<Side, number>>();
  const messagesTotal = { baseline: {}, unisson: {} } as Record<Side, Record<ContactChannel, number>>;
  for (const t of totals.tallies) {
    const entry = byHousehold.get(t.householdId) ?? { baseline: 0, unisson: 0 };
    for (const side of sides) {
      entry[side] += count(t, side, 'letter');
      for (const c of CONTACT_CHANNELS) messagesTotal[side][c] = (messagesTotal[side][c] ?? 0) + count(t, side, c);
    }
    byHousehold.set(t.householdId, entry);
  }
  const lettersTotal = { baseline: messagesTotal.baseline.letter ?? 0, unisson: messagesTotal.unisson.letter ?? 0 };
  const nonLegal = {
    baseline: distribution(totals.tallies.map((t) => t.baselineNonLegalLetters)),
    unisson: distribution(totals.tallies.map((t) => t.unissonNonLegalLetters)),
  };
  const letterReduction = lettersTotal.baseline === 0 ? 0 : 1 - lettersTotal.unisson / lettersTotal.baseline;
  return {
    households,
    stagesVisited: totals.tallies.length,
    perStage,
    nonLegalLettersPerHouseholdPerStage: nonLegal,
    lettersTotal,
    messagesTotal,
    lettersPerHousehold: {
      baseline: distribution([...byHousehold.values()].map((v) => v.baseline)),
      unisson: distribution([...byHousehold.values()].map((v) => v.unisson)),
    },
    letterReduction: Math.round(letterReduction * 1000) / 1000,
    contradictoryMessages: { baseline: totals.baselineContradictions, unisson: totals.unissonContradictions },
    legalActsSuppressed: totals.legalActsSuppressed,
    legalIntents: totals.legalIntents,
    contactsOutsideAllowedHours: totals.contactsOutsideAllowedHours,
    plansComputed: totals.plansComputed,
    targets: {
      nonLegalLettersMedianAtMostOne: nonLegal.unisson.median <= 1,
      nonLegalLettersP95AtMostOne: nonLegal.unisson.p95 <= 1,
      letterReductionAtLeast60Percent: letterReduction >= 0.6,
      zeroLegalActsSuppressed: totals.legalActsSuppressed === 0,
      zeroContactsOutsideAllowedHours: totals.contactsOutsideAllowedHours === 0,
    },
  };
}

const capitalised = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
const STAGE_LABEL = Object.fromEntries(PROCEDURE_STAGES.map((stage) => [stage, capitalised(STAGE_LABELS[stage])])) as Record<
  ProcedureStage,
  string
>;
const CHANNEL_LABEL: Record<ContactChannel, string> = {
  letter: 'Courriers',
  sms: 'SMS',
  email: 'Courriels',
  call: 'Appels',
  voice: 'Messages vocaux',
  homeVisit: 'Visites',
  servedAct: 'Actes signifiés',
};

const escape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

function letterChart(summary: SimulationSummary): string {
  const stages = Object.keys(summary.perStage) as ProcedureStage[];
  const max = Math.max(1, ...stages.map((s) => summary.perStage[s].baseline.letter.mean));
  const rowHeight = 34;
  const width = 720;
  const scale = (v: number): number => (v / max) * 380;
  const rows = stages.map((s, i) => {
    const y = 30 + i * rowHeight;
    const b = summary.perStage[s].baseline.letter.mean;
    const u = summary.perStage[s].unisson.letter.mean;
    return (
      `<text x="0" y="${y + 12}" font-size="12">${escape(STAGE_LABEL[s])}</text>` +
      `<rect x="250" y="${y}" width="${scale(b)}" height="12" fill="#b0413e"/><text x="${255 + scale(b)}" y="${y + 10}" font-size="10">${b}</text>` +
      `<rect x="250" y="${y + 14}" width="${scale(u)}" height="12" fill="#2f6f9f"/><text x="${255 + scale(u)}" y="${y + 24}" font-size="10">${u}</text>`
    );
  });
  const height = 40 + stages.length * rowHeight;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" role="img" aria-label="Courriers moyens par ménage et par étape">` +
    `<rect x="250" y="4" width="12" height="12" fill="#b0413e"/><text x="266" y="14" font-size="12">Chaque partenaire envoie les siens</text>` +
    `<rect x="480" y="4" width="12" height="12" fill="#2f6f9f"/><text x="496" y="14" font-size="12">Unisson</text>` +
    rows.join('') +
    '</svg>'
  );
}

export function renderHtmlReport(summary: SimulationSummary, generatedAt: string): string {
  const stages = Object.keys(summary.perStage) as ProcedureStage[];
  const channelRows = CONTACT_CHANNELS.map(
    (c) =>
      `<tr><td>${CHANNEL_LABEL[c]}</td><td>${summary.messagesTotal.baseline[c] ?? 0}</td><td>${summary.messagesTotal.unisson[c] ?? 0}</td></tr>`,
  ).join('');
  const stageRows = stages
    .map((s) => {
      const cell = (side: 'baseline' | 'unisson'): string =>
        CONTACT_CHANNELS.filter((c) => c !== 'servedAct')
          .map(
            (c) =>
              `${CHANNEL_LABEL[c]} ${summary.perStage[s][side][c].mean} (méd. ${summary.perStage[s][side][c].median}, p95 ${summary.perStage[s][side][c].p95})`,
          )
          .join('<br>');
      return `<tr><td>${escape(STAGE_LABEL[s])}</td><td>${cell('baseline')}</td><td>${cell('unisson')}</td></tr>`;
    })
    .join('');
  const ok = (b: boolean): string => (b ? '✅ atteint' : '❌ non atteint');
  const t = summary.targets;
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Simulation Unisson : la chaîne des courriers</title>
<style>body{font-family:system-ui,sans-serif;max-width:960px;margin:2rem auto;color:#222}table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #ccc;padding:.3rem .6rem;text-align:left;vertical-align:top;font-size:.9rem}</style></head><body>
<h1>Moins de courriers, un seul message par étape</h1>
<p>${summary.households} ménages simulés, ${summary.stagesVisited} étapes traversées. Généré le ${escape(generatedAt)}.</p>
<h2>Courriers moyens par ménage et par étape</h2>${letterChart(summary)}
<h2>Objectifs</h2><ul>
<li>Courriers non légaux par ménage et par étape ≤ 1 (médiane ${summary.nonLegalLettersPerHouseholdPerStage.unisson.median}, p95 ${summary.nonLegalLettersPerHouseholdPerStage.unisson.p95}) : ${ok(t.nonLegalLettersMedianAtMostOne && t.nonLegalLettersP95AtMostOne)}</li>
<li>Baisse du nombre total de courriers ≥ 60 % : ${Math.round(summary.letterReduction * 1000) / 10} % — ${ok(t.letterReductionAtLeast60Percent)}</li>
<li>Actes et courriers légaux supprimés : ${summary.legalActsSuppressed} sur ${summary.legalIntents} — ${ok(t.zeroLegalActsSuppressed)}</li>
<li>Contacts hors des horaires autorisés : ${summary.contactsOutsideAllowedHours} — ${ok(t.zeroContactsOutsideAllowedHours)}</li>
<li>Messages contradictoires : ${summary.contradictoryMessages.baseline} aujourd'hui, ${summary.contradictoryMessages.unisson} avec Unisson</li></ul>
<h2>Messages par canal (total)</h2><table><tr><th>Canal</th><th>Chaque partenaire</th><th>Unisson</th></tr>${channelRows}</table>
<h2>Par étape : moyenne par ménage (médiane, p95)</h2><table><tr><th>Étape</th><th>Chaque partenaire</th><th>Unisson</th></tr>${stageRows}</table>
</body></html>`;
}
