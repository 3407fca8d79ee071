import { escapeHtml } from './formatting';

/**
 * The small text language of our resources, on top of i18next's interpolation:
 *  - `{{name}}` a variable (i18next syntax; formats are not allowed, types come from template.json);
 *  - `**words**` key information in bold (HTML) or plain (text channels);
 *  - a new line is a new line (FALC: one sentence per line); lines starting with "- " form a list.
 *
 * Documents are assembled with placeholders `[[[name]]]`, then split once into a CompiledText,
 * so rendering is a join of literals and pre-formatted values (no parsing per message).
 */

const VARIABLE = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;
const PLACEHOLDER = /\[\[\[([A-Za-z_][A-Za-z0-9_]*)\]\]\]/g;

export interface CompiledText {
  literals: string[];
  vars: string[];
}

/** Names of the `{{variables}}` a resource string uses, in order, without duplicates. */
export function variablesOf(s: string): string[] {
  const out: string[] = [];
  for (const m of s.matchAll(VARIABLE)) if (!out.includes(m[1])) out.push(m[1]);
  return out;
}

/** True when the string uses i18next syntax we do not support (formats, nesting). */
export function hasUnsupportedSyntax(s: string): boolean {
  return /\{\{[^}]*,[^}]*\}\}/.test(s) || /\$t\(/.test(s);
}

function withPlaceholders(s: string): string {
  return s.replace(VARIABLE, (_m, name: string) => `[[[${name}]]]`);
}

/** Resource string to plain text with placeholders (bold markers dropped). */
export function toTextSource(s: string): string {
  return withPlaceholders(s).replace(/\*\*/g, '');
}

/** Resource string to an HTML fragment with placeholders: static text escaped, bold, lines, lists. */
export function toHtmlSource(s: string): string {
  const lines = withPlaceholders(s).split('\n');
  const out: string[] = [];
  let list: string[] | null = null;
  for (const raw of lines) {
    const line = inlineHtml(raw.trim());
    if (raw.trim().startsWith('- ')) {
      (list ??= []).push(`<li>${inlineHtml(raw.trim().slice(2))}</li>`);
      continue;
    }
    if (list) {
      out.push(`<ul>${list.join('')}</ul>`);
      list = null;
    }
    if (line) out.push(line);
  }
  if (list) out.push(`<ul>${list.join('')}</ul>`);
  return out.join('<br />');
}

function inlineHtml(s: string): string {
  return escapeHtml(s).replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>');
}

export function compileDocument(doc: string): CompiledText {
  const literals: string[] = [];
  const vars: string[] = [];
  let last = 0;
  for (const m of doc.matchAll(PLACEHOLDER)) {
    literals.push(doc.slice(last, m.index));
    vars.push(m[1]);
    last = (m.index ?? 0) + m[0].length;
  }
  literals.push(doc.slice(last));
  return { literals, vars };
}

export function fill(c: CompiledText, values: Readonly<Record<string, string>>): string {
  const { literals, vars } = c;
  let s = literals[0];
  for (let i = 0; i < vars.length; i++) s += values[vars[i]] + literals[i + 1];
  return s;
}

export function placeholder(name: string): string {
  return `[[[${name}]]]`;
}
