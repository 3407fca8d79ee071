/**
 * Reads the letter the template library composed (its small, known HTML: a title, paragraphs,
 * section headings with their pictogram, bold key facts, isolated names and numbers) into plain
 * data the layout places. The words stay the library's; only the structure is read here.
 */
export interface Run {
  t: string;
  /** Key information (the library's `**bold**`): the amount, the date, the number to call. */
  b?: boolean;
  /**
   * Left-to-right and kept whole (the library's `<bdi dir="ltr">`: amounts, phone numbers in a
   * right-to-left letter): laid out as one box, so that "01 48 95 00 00" never reads backwards.
   */
  ltr?: boolean;
}

export interface LetterSection {
  heading: string | null;
  /** The pictogram the library put beside the heading (an emoji of its catalogue). */
  pictogram: string | null;
  /** "What do I do now": printed in a frame. */
  todo: boolean;
  lines: Run[][];
}

export interface ComposedLetter {
  title: string;
  /** The sender line the library printed (the lead partner), left out: the letterhead names every co-signer. */
  sender: string | null;
  sections: LetterSection[];
  /** The bold facts in reading order, once each. */
  keyFacts: Run[];
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

/** Inline HTML (strong, br, bdi, span, list items) to lines of runs. */
function inlineRuns(html: string): Run[][] {
  const lines: Run[][] = [[]];
  let bold = 0;
  const isolates: boolean[] = [];
  for (const token of html.split(/(<[^>]+>)/)) {
    if (!token) continue;
    const tag = /^<(\/?)([a-z0-9]+)([^>]*)>$/i.exec(token);
    if (!tag) {
      const t = decodeEntities(token).replace(/\s+/g, ' ');
      const run: Run = { t };
      if (bold) run.b = true;
      if (isolates.includes(true)) run.ltr = true;
      if (t) lines[lines.length - 1].push(run);
      continue;
    }
    const [, closing, name, attrs] = tag;
    const lower = name.toLowerCase();
    if (lower === 'br') lines.push([]);
    else if (lower === 'li' && !closing) {
      // A list inside a paragraph (a landlord letter's aids): one item a line, with its bullet.
      if (lines[lines.length - 1].length > 0) lines.push([]);
      lines[lines.length - 1].push({ t: '• ' });
    } else if (lower === 'strong' || lower === 'b') bold += closing ? -1 : 1;
    else if (lower === 'bdi') {
      if (closing) isolates.pop();
      else isolates.push(/dir="ltr"/.test(attrs));
    }
  }
  return lines.map(mergeRuns).filter((l, i, all) => l.length > 0 || (i > 0 && i < all.length - 1));
}

/** Neighbouring runs alike become one; the line's leading space goes. */
function mergeRuns(line: Run[]): Run[] {
  const out: Run[] = [];
  for (const run of line) {
    const last = out[out.length - 1];
    if (last && !!last.b === !!run.b && !!last.ltr === !!run.ltr) last.t += run.t;
    else out.push({ ...run });
  }
  if (out[0]) out[0].t = out[0].t.replace(/^\s+/, '');
  return out.filter((r) => r.t.length > 0);
}

const plain = (runs: Run[][]) => runs.map((l) => l.map((r) => r.t).join('')).join(' ');
const visible = (s: string) => s.trim();

/**
 * The composed letter's structure. `todoHeading` is the library's heading of the "what do I do
 * now" section in the letter's language (common `heading_todo`).
 */
export function readComposedLetter(html: string, todoHeading: string): ComposedLetter {
  const body = /<body[^>]*>([\s\S]*)<\/body>/i.exec(html)?.[1] ?? html;
  const title = /<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(body)?.[1];
  const senderHtml = /<div class="sender">([\s\S]*?)<\/div>/i.exec(body)?.[1];
  const sender = senderHtml !== undefined ? visible(plain(inlineRuns(senderHtml))) : null;
  const sections: LetterSection[] = [];
  const blockPattern = /<(h2|p|li)[^>]*>([\s\S]*?)<\/\1>/gi;
  let pending: { heading: string; pictogram: string | null } | null = null;
  for (let m = blockPattern.exec(body); m; m = blockPattern.exec(body)) {
    const [, tag, inner] = m;
    if (tag.toLowerCase() === 'h2') {
      if (pending) sections.push({ ...pending, todo: false, lines: [] });
      const picto = /<span class="picto"[^>]*>([\s\S]*?)<\/span>/i.exec(inner);
      const headingHtml = inner.replace(/<span class="picto"[^>]*>[\s\S]*?<\/span>/i, '');
      pending = { heading: visible(plain(inlineRuns(headingHtml))), pictogram: picto ? decodeEntities(picto[1]).trim() : null };
      continue;
    }
    const lines = inlineRuns(inner);
    if (pending) {
      sections.push({ ...pending, todo: pending.heading === todoHeading.trim(), lines });
      pending = null;
    } else {
      sections.push({ heading: null, pictogram: null, todo: false, lines });
    }
  }
  if (pending) sections.push({ ...pending, todo: pending.heading === todoHeading.trim(), lines: [] });
  // The library signs with the lead partner's name; the letter signs with every co-signer.
  const last = sections[sections.length - 1];
  if (last && !last.heading && sender && visible(plain(last.lines)) === sender) sections.pop();
  const keyFacts: Run[] = [];
  for (const s of sections)
    for (const line of s.lines)
      for (const run of line) {
        const fact = run.b ? run.t.trim() : '';
        if (fact && !keyFacts.some((f) => f.t === fact)) keyFacts.push({ ...run, t: fact });
      }
  return { title: title ? visible(plain(inlineRuns(title))) : '', sender, sections, keyFacts };
}
