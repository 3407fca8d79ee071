/**
 * Estimated printed length of a letter body: words wrapped at `charsPerLine`, one line per blank
 * line, `linesPerPage` lines on a page (defaults tuned for 14 pt Arial on A4 with 20 mm margins,
 * the FALC font size). An estimate for the linter, not the PDF layout itself.
 */
export function estimateLetterPages(text: string, charsPerLine: number, linesPerPage: number): number {
  let lines = 0;
  for (const paragraph of text.split('\n')) {
    if (paragraph.trim() === '') {
      lines += 1;
      continue;
    }
    let current = 0;
    let paragraphLines = 1;
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const len = [...word].length;
      if (current > 0 && current + 1 + len > charsPerLine) {
        paragraphLines++;
        current = len;
      } else current += (current > 0 ? 1 : 0) + len;
    }
    lines += paragraphLines;
  }
  return Math.round((lines / linesPerPage) * 100) / 100;
}
