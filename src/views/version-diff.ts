import {diffArrays} from 'diff';

/** A run of a version string, marked when it differs from the other version. */
export interface VersionSegment {
  readonly text: string;
  readonly changed: boolean;
}

/**
 * Which parts of `from` and `to` differ, so a view can highlight `17 → 18` in
 * `3.0.2-0ubuntu1.17 → 3.0.2-0ubuntu1.18` instead of making the reader compare two long
 * strings. Versions are compared as tokens (digit runs, letter runs, single separators), not
 * characters: a character diff would mark only the `8` of `18` and split numbers oddly.
 */
export function diffVersions(from: string, to: string): {from: VersionSegment[]; to: VersionSegment[]} {
  const changes = diffArrays(tokenize(from), tokenize(to));
  const fromSegments: VersionSegment[] = [];
  const toSegments: VersionSegment[] = [];
  for (const change of changes) {
    const text = change.value.join('');
    if (change.added) push(toSegments, text, true);
    else if (change.removed) push(fromSegments, text, true);
    else {
      push(fromSegments, text, false);
      push(toSegments, text, false);
    }
  }
  return {from: fromSegments, to: toSegments};
}

export function tokenize(version: string): string[] {
  return version.match(/\d+|[A-Za-z]+|[^A-Za-z0-9]/g) ?? [];
}

/** Merges neighbours with the same mark, so a view emits one colour span per run. */
function push(segments: VersionSegment[], text: string, changed: boolean): void {
  const last = segments[segments.length - 1];
  if (last && last.changed === changed) segments[segments.length - 1] = {text: last.text + text, changed};
  else segments.push({text, changed});
}
