/**
 * Where things go on an A4 letter sheet, in millimetres from the top-left corner, and the checks
 * a printer needs before it takes a letter (after GOV.UK Notify's letter specification, with the
 * French window envelope): everything inside the printable area, the address alone in the
 * envelope's window, the body below it. One definition: the Typst layout reads these figures.
 */
export interface Zone {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PageGeometry {
  page: { width: number; height: number };
  /** Where the printer's rollers and cutters leave the paper alone. */
  printable: { left: number; right: number; top: number; bottom: number };
  /** The text's margins (inside the printable area). */
  content: { left: number; right: number; top: number; bottom: number };
  /** How far below the content the page footer's baseline sits. */
  footerDescent: number;
  /** The envelope's window (DL window envelope, window on the right), first page only. */
  addressWindow: Zone;
  letterhead: Zone;
  /** Where the body begins on the first page, below the window and the date line. */
  bodyTopFirstPage: number;
  qrSize: number;
}

export const A4_LETTER: PageGeometry = {
  page: { width: 210, height: 297 },
  printable: { left: 15, right: 15, top: 10, bottom: 10 },
  content: { left: 20, right: 20, top: 15, bottom: 22 },
  footerDescent: 8,
  addressWindow: { x: 110, y: 45, width: 85, height: 38 },
  letterhead: { x: 20, y: 15, width: 85, height: 52 },
  bodyTopFirstPage: 95,
  qrSize: 28,
};

export type GeometryProblem = { zone: string; problem: string };

function inside(zone: Zone, area: Zone): boolean {
  return zone.x >= area.x && zone.y >= area.y && zone.x + zone.width <= area.x + area.width && zone.y + zone.height <= area.y + area.height;
}

function overlaps(a: Zone, b: Zone): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

export function printableZone(g: PageGeometry): Zone {
  return {
    x: g.printable.left,
    y: g.printable.top,
    width: g.page.width - g.printable.left - g.printable.right,
    height: g.page.height - g.printable.top - g.printable.bottom,
  };
}

export function contentZone(g: PageGeometry): Zone {
  return {
    x: g.content.left,
    y: g.content.top,
    width: g.page.width - g.content.left - g.content.right,
    height: g.page.height - g.content.top - g.content.bottom,
  };
}

/**
 * What would make a printer refuse the layout: any zone outside the printable area, the letterhead
 * reaching into the window, the body starting inside it, a footer in the unprintable band.
 */
export function geometryProblems(g: PageGeometry): GeometryProblem[] {
  const problems: GeometryProblem[] = [];
  const printable = printableZone(g);
  const zones: Array<[string, Zone]> = [
    ['content', contentZone(g)],
    ['addressWindow', g.addressWindow],
    ['letterhead', g.letterhead],
  ];
  for (const [name, zone] of zones) {
    if (!inside(zone, printable)) problems.push({ zone: name, problem: 'outside the printable area' });
  }
  if (overlaps(g.letterhead, g.addressWindow)) problems.push({ zone: 'letterhead', problem: 'reaches into the address window' });
  if (g.bodyTopFirstPage < g.addressWindow.y + g.addressWindow.height + 5)
    problems.push({ zone: 'body', problem: 'starts less than 5 mm below the address window (the date line goes there)' });
  if (g.page.height - g.content.bottom + g.footerDescent > g.page.height - g.printable.bottom)
    problems.push({ zone: 'footer', problem: 'below the printable area' });
  if (g.qrSize < 20) problems.push({ zone: 'qr', problem: 'smaller than 20 mm: cheap phones cannot read it' });
  return problems;
}
