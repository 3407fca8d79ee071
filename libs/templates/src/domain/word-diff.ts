import diffSequences from 'diff-sequences';

/**
 * What changed between two versions of a text, word by word, for a reviewer reading them side by
 * side: runs of kept, removed and added words (spaces and punctuation kept as their own tokens, so
 * a changed comma shows as such). The longest common subsequence is Jest's Myers implementation.
 */
export interface DiffRun {
  kind: 'same' | 'removed' | 'added';
  text: string;
}

export interface WordDiff {
  runs: DiffRun[];
  /** Words (not spaces) removed from the old text and added in the new one. */
  removedWords: number;
  addedWords: number;
}

const TOKEN = /\s+|[\p{L}\p{M}\p{N}]+(?:['’-][\p{L}\p{M}\p{N}]+)*|[^\s\p{L}\p{M}\p{N}]/gu;

export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

const isWord = (token: string) => /\S/.test(token);

export function wordDiff(before: string, after: string): WordDiff {
  const a = tokenize(before);
  const b = tokenize(after);
  const runs: DiffRun[] = [];
  let removedWords = 0;
  let addedWords = 0;
  const push = (kind: DiffRun['kind'], tokens: string[]) => {
    if (tokens.length === 0) return;
    if (kind === 'removed') removedWords += tokens.filter(isWord).length;
    if (kind === 'added') addedWords += tokens.filter(isWord).length;
    const last = runs[runs.length - 1];
    if (last && last.kind === kind) last.text += tokens.join('');
    else runs.push({ kind, text: tokens.join('') });
  };
  let ia = 0;
  let ib = 0;
  diffSequences(
    a.length,
    b.length,
    (i, j) => a[i] === b[j],
    (n, aStart, bStart) => {
      push('removed', a.slice(ia, aStart));
      push('added', b.slice(ib, bStart));
      push('same', a.slice(aStart, aStart + n));
      ia = aStart + n;
      ib = bStart + n;
    },
  );
  push('removed', a.slice(ia));
  push('added', b.slice(ib));
  return { runs, removedWords, addedWords };
}
