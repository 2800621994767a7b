import {distance} from 'fastest-levenshtein';

/**
 * Suggestions for a mistyped command or flag. The closest candidate by edit distance, only when
 * it is close enough to be what was meant (at most a third of the longer word, and 3 edits):
 * `pln` → `plan`, `--josn` → `--json`, but `deploy` suggests nothing.
 */
export function closest(typed: string, candidates: readonly string[]): string | null {
  let best: {candidate: string; edits: number} | null = null;
  for (const candidate of candidates) {
    const edits = distance(typed, candidate);
    if (best === null || edits < best.edits) best = {candidate, edits};
  }
  if (best === null) return null;
  const allowed = Math.min(3, Math.ceil(Math.max(typed.length, best.candidate.length) / 3));
  return best.edits <= allowed ? best.candidate : null;
}

/** `Nonexistent flag: --josn` (oclif's parse error) → `--json`, from the command's own flags. */
export function suggestFlag(message: string, flags: readonly string[]): string | null {
  const typed = /Nonexistent flags?: (--?[\w-]+)/.exec(message)?.[1];
  if (typed === undefined) return null;
  const name = typed.replace(/^--?/, '');
  const match = closest(name, flags);
  return match === null ? null : `--${match}`;
}
