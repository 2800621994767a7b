/**
 * Shell-style glob matching as Python's `fnmatch` does it (the AWS payload matches list entries
 * with fnmatch, spec §3.1): `*` any run, `?` one character, `[...]` a class (`[!...]` negates; an
 * unclosed `[` is literal). Everything else is literal. Callers lower-case both sides first
 * because Patch Manager matching is case-insensitive.
 */

const REGEXP_SPECIAL = /[\\^$.*+?()[\]{}|/-]/g;

function escapeRegExp(text: string): string {
  return text.replace(REGEXP_SPECIAL, '\\$&');
}

/** Whether the entry uses glob syntax at all (exact equality is tried before globbing). */
export function hasGlob(pattern: string): boolean {
  if (pattern.includes('*') || pattern.includes('?')) return true;
  const open = pattern.indexOf('[');
  return open >= 0 && pattern.indexOf(']', open + 2) > open;
}

/** Translates a glob into an anchored RegExp matching the whole string. */
export function globToRegExp(pattern: string): RegExp {
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const c = pattern.charAt(i);
    i++;
    if (c === '*') {
      // Collapse runs of `*`: they mean the same and a long run would only slow the RegExp.
      while (pattern.charAt(i) === '*') i++;
      out += '[\\s\\S]*';
    } else if (c === '?') {
      out += '[\\s\\S]';
    } else if (c === '[') {
      // fnmatch: `]` right after `[` or `[!` belongs to the class; find the real end.
      let j = i;
      if (pattern.charAt(j) === '!') j++;
      if (pattern.charAt(j) === ']') j++;
      while (j < pattern.length && pattern.charAt(j) !== ']') j++;
      if (j >= pattern.length) {
        out += '\\[';
        continue;
      }
      let body = pattern.slice(i, j);
      i = j + 1;
      let negate = false;
      if (body.startsWith('!')) {
        negate = true;
        body = body.slice(1);
      }
      // Inside a class only `\`, `]` and `^` are special to RegExp; ranges `a-z` stay ranges.
      const escaped = body.replace(/[\\\]^]/g, '\\$&');
      out += negate ? `[^${escaped}]` : `[${escaped}]`;
    } else {
      out += escapeRegExp(c);
    }
  }
  return new RegExp(`^${out}$`);
}

/** Case-sensitive whole-string glob test; an invalid class range makes it match nothing. */
export function globMatches(pattern: string, text: string): boolean {
  try {
    return globToRegExp(pattern).test(text);
  } catch {
    // `[z-a]` is a RegExp error; fnmatch would raise too, and the entry then matches nothing.
    return false;
  }
}

/**
 * Patch Manager's list-entry test (spec §3.1): lower-case both, exact equality first, then a
 * glob match when the entry has glob syntax.
 */
export function entryMatchesAny(entry: string, rendered: readonly string[]): boolean {
  const e = entry.toLowerCase();
  const lowered = rendered.map((r) => r.toLowerCase());
  if (lowered.includes(e)) return true;
  if (!hasGlob(e)) return false;
  let re: RegExp;
  try {
    re = globToRegExp(e);
  } catch {
    return false;
  }
  return lowered.some((r) => re.test(r));
}
