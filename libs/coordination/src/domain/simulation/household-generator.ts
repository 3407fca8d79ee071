/**
 * Generates realistic households and their path through the procedure, with the profiles the
 * Seine-Saint-Denis charter names (sector, CLIL commune, CAF recipient, reactive or not) and the
 * Essonne mobile team's figures (21% moved or NPAI, about half never answer). Seeded, pure.
 */
import type { LandlordKind, ProcedureState } from '../types';
import { type ProcedureStage } from '@unisson/vocabulary';

/** Small, fast, seedable PRNG (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SimulatedHousehold {
  id: string;
  territory: string;
  postalCode: string;
  sector: LandlordKind;
  clilCommune: boolean;
  cafRecipient: boolean;
  reactive: boolean;
  /** Moved out or wrong address: letters come back NPAI. */
  addressInvalid: boolean;
  hasMobilePhone: boolean;
  hasEmail: boolean;
  /** Known to social services already (the mobile team targets the others). */
  knownToSocialServices: boolean;
  leaseSignedOn: string;
  /** Stages reached, with the instant each starts; hearingDate set once summoned. */
  path: Array<{ stage: ProcedureStage; at: string }>;
  hearingDate: string | null;
}

const DAY = 86_400_000;
const POSTAL: Record<string, string[]> = {
  '93': ['93200', '93300', '93100', '93000', '93140'],
  '38': ['38000', '38100', '38400', '38130'],
  '91': ['91000', '91100', '91120', '91300'],
  '75': ['75011', '75013', '75018', '75019', '75020'],
};

/** Postal codes of a territory: known ones for the shipped territories, the département's chief town's otherwise. */
function postalCodesOf(territory: string): string[] {
  if (POSTAL[territory]) return POSTAL[territory];
  if (territory === '2A') return ['20000'];
  if (territory === '2B') return ['20200'];
  return [territory.padEnd(5, '0')];
}

/** The territories of the default run: Seine-Saint-Denis three times out of five, Isère and Essonne. */
export const DEFAULT_TERRITORIES = ['93', '93', '93', '38', '91'];

/** Working-hours instant (09:00 Paris, roughly) on a day offset from a start. */
function dayAt(startMs: number, days: number): string {
  const day = Math.floor(startMs / DAY) + days;
  return new Date(day * DAY + 8 * 3_600_000).toISOString();
}

function buildPath(rand: () => number, h: Omit<SimulatedHousehold, 'path' | 'hearingDate'>, startMs: number) {
  const path: Array<{ stage: ProcedureStage; at: string }> = [{ stage: 'premier_impaye', at: dayAt(startMs, 0) }];
  let t = 0;
  let hearingDate: string | null = null;
  const exitChance = h.reactive ? 0.3 : 0.08;
  const step = (stage: ProcedureStage, minDays: number, spread: number): boolean => {
    if (rand() < exitChance) return false;
    t += minDays + Math.floor(rand() * spread);
    path.push({ stage, at: dayAt(startMs, t) });
    return true;
  };
  if (h.cafRecipient && !step('signalement_caf', 45, 30)) return { path, hearingDate };
  if (h.sector === 'social' && !step('saisine_ccapex', 30, 30)) return { path, hearingDate };
  if (!step('commandement_de_payer', 30, 60)) return { path, hearingDate };
  if (!step('assignation', 45, 30)) return { path, hearingDate };
  hearingDate = dayAt(startMs, t + 60 + Math.floor(rand() * 30));
  if (!step('jugement', 95, 20)) return { path, hearingDate };
  if (!step('commandement_de_quitter_les_lieux', 30, 30)) return { path, hearingDate };
  if (!step('concours_force_publique', 60, 30)) return { path, hearingDate };
  step('expulsion', 45, 60);
  return { path, hearingDate };
}

export function generateHouseholds(
  count: number,
  seed = 20261122,
  territories: readonly string[] = DEFAULT_TERRITORIES,
): SimulatedHousehold[] {
  const rand = seededRandom(seed);
  const start = Date.parse('2026-01-05T00:00:00Z');
  const households: SimulatedHousehold[] = [];
  for (let i = 0; i < count; i += 1) {
    const territory = territories[Math.floor(rand() * territories.length)];
    const codes = postalCodesOf(territory);
    const base = {
      id: `hh-${i}`,
      territory,
      postalCode: codes[Math.floor(rand() * codes.length)],
      sector: (rand() < 0.55 ? 'social' : 'prive') as LandlordKind,
      clilCommune: rand() < 0.4,
      cafRecipient: rand() < 0.6,
      reactive: rand() < 0.3,
      addressInvalid: rand() < 0.21,
      hasMobilePhone: rand() < 0.75,
      hasEmail: rand() < 0.45,
      knownToSocialServices: rand() < 0.3,
      leaseSignedOn: rand() < 0.5 ? '2019-09-01' : '2024-03-01',
    };
    const startMs = start + Math.floor(rand() * 540) * DAY;
    households.push({ ...base, ...buildPath(rand, base, startMs) });
  }
  return households;
}

/** The planner's view of a simulated household's procedure at one stage of its path. */
export function procedureAtStage(h: SimulatedHousehold, stage: { stage: ProcedureStage; at: string }): ProcedureState {
  const monthlyRentCents = 55_000;
  return {
    id: `proc-${h.id}`,
    stage: stage.stage,
    stageEventOn: stage.at.slice(0, 10),
    stageEnteredAt: stage.at,
    landlordKind: h.sector,
    leaseSignedOn: h.leaseSignedOn,
    dates: h.hearingDate ? { hearingDate: h.hearingDate } : {},
    arrears: {
      debtCents: monthlyRentCents * (2 + h.path.findIndex((s) => s.stage === stage.stage)),
      monthlyRentCents,
      firstUnpaidOn: h.path[0].at.slice(0, 10),
      housingBenefit: h.cafRecipient,
    },
    closedOn: null,
  };
}
