/**
 * Small cells: no figure about fewer than 10 households leaves Unisson, not on the page, not in
 * the API, not in an export, and not by difference between two figures that are shown.
 */
export const SMALL_CELL = 10;

export interface Cell {
  key: string;
  households: number;
}

/**
 * Cells of a partition whose total is shown (territories of a region, housing sectors…): the
 * cells under the threshold are hidden, and while the hidden ones add up to fewer than 10
 * households (one could subtract them from the total) the smallest shown cell is hidden too.
 */
export function hiddenInPartition(cells: readonly Cell[], threshold = SMALL_CELL): Set<string> {
  const hidden = new Set(cells.filter((c) => c.households > 0 && c.households < threshold).map((c) => c.key));
  const sumHidden = () => cells.filter((c) => hidden.has(c.key)).reduce((s, c) => s + c.households, 0);
  while (hidden.size > 0 && sumHidden() < threshold) {
    const next = cells.filter((c) => !hidden.has(c.key) && c.households > 0).sort((a, b) => a.households - b.households)[0];
    if (!next) break;
    hidden.add(next.key);
  }
  return hidden;
}

/**
 * Cells nested one in the next (a funnel: households at the commandement, then those of them at
 * the assignation…): a cell is hidden when it is small, or when it differs from the shown cell
 * before it by fewer than 10 households (the difference would be a small group).
 */
export function hiddenInChain(cells: readonly Cell[], threshold = SMALL_CELL): Set<string> {
  const hidden = new Set<string>();
  let previous: Cell | null = null;
  for (const c of cells) {
    const small = c.households > 0 && c.households < threshold;
    const gap = previous ? previous.households - c.households : 0;
    if (small || (previous && gap > 0 && gap < threshold)) hidden.add(c.key);
    else previous = c;
  }
  return hidden;
}

/** A count as shown: the number, or null with the reason (hidden) — callers print « < 10 » or « masqué ». */
export interface ShownCount {
  value: number | null;
  hidden: boolean;
}

export const shown = (value: number, hide: boolean): ShownCount => (hide ? { value: null, hidden: true } : { value, hidden: false });
