/**
 * The deb822 control format (Debian Policy §5.1) as apt and dpkg write it: paragraphs separated
 * by blank lines, `Field: value` lines, continuation lines that start with a space or a tab.
 * Packages lists, `apt-get indextargets` and Release files all use it. For example (the start of
 * fixtures/apt/debian-12/collect/lists/…_bookworm-security_main_binary-amd64_Packages):
 *
 *     Package: app-pp
 *     Architecture: all
 *     Version: 1.0-1+deb12u1
 *     …
 *     Description: sandbox test package app-pp
 *
 *     Package: hello-pp
 *     …
 */

/** One paragraph: field names lower-cased (deb822 names are case-insensitive), values trimmed. */
export type Deb822Paragraph = ReadonlyMap<string, string>;

/**
 * Splits text into raw paragraphs without parsing them. A full Debian main list is ~50 MB and
 * ~63,000 paragraphs, of which a node needs a few hundred: callers look at each paragraph's
 * `Package:` line first and parse only the ones they keep.
 */
export function splitParagraphs(text: string): string[] {
  const normalized = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  // A line holding only spaces or tabs also ends a paragraph (dpkg and apt agree on this).
  return normalized
    .split(/\n[ \t]*\n/)
    .map((p) => p.replace(/^\n+/, '').replace(/\n+$/, ''))
    .filter((p) => p.trim() !== '');
}

/** Parses one paragraph. Continuation lines are joined with `\n`; `#` comment lines are skipped. */
export function parseParagraph(raw: string): Map<string, string> {
  const fields = new Map<string, string>();
  let current: string | null = null;
  for (const line of raw.split('\n')) {
    if (line.startsWith('#')) continue;
    if ((line.startsWith(' ') || line.startsWith('\t')) && current !== null) {
      fields.set(current, `${fields.get(current) ?? ''}\n${line.trim()}`);
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    current = line.slice(0, colon).trim().toLowerCase();
    fields.set(current, line.slice(colon + 1).trim());
  }
  return fields;
}

export function parseParagraphs(text: string): Map<string, string>[] {
  return splitParagraphs(text).map(parseParagraph);
}

/**
 * The value of the first `Name:` line of a raw paragraph without parsing the rest; apt lists
 * put `Package:` first, but this does not rely on it.
 */
export function peekField(raw: string, name: string): string | null {
  const prefix = `${name}:`;
  if (raw.slice(0, prefix.length).toLowerCase() === prefix.toLowerCase()) {
    const end = raw.indexOf('\n');
    return raw.slice(prefix.length, end < 0 ? undefined : end).trim();
  }
  const lower = prefix.toLowerCase();
  let start = raw.indexOf('\n');
  while (start >= 0) {
    const lineStart = start + 1;
    if (raw.slice(lineStart, lineStart + lower.length).toLowerCase() === lower) {
      const end = raw.indexOf('\n', lineStart);
      return raw.slice(lineStart + lower.length, end < 0 ? undefined : end).trim();
    }
    start = raw.indexOf('\n', lineStart);
  }
  return null;
}
