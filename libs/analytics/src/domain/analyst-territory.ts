/** Who reads figures or runs an experiment, as far as territories go. */
export interface TerritoryBound {
  /** Null for Unisson's own staff (admin, operator), who see every territory. */
  partnerId: string | null;
  territories: readonly string[];
}

/**
 * Why this actor may not read figures of, or run an experiment in, this territory (null: it may).
 * An organisation works on its own territories only; one rule for reports and experiments alike.
 */
export function territoryRefusal(actor: TerritoryBound, territory: string): string | null {
  const bound = actor.partnerId !== null && actor.territories.length > 0;
  return bound && !actor.territories.includes(territory) ? `Votre organisation ne travaille pas sur le territoire ${territory}.` : null;
}
