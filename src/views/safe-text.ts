/**
 * Text from data (package names, versions, advisory titles, repository names, reviewers'
 * notes, baseline values, file names) is shown, never obeyed: a repository that ships a
 * package called `x\u001b]0;pwned\u0007\u001b[2J` must not retitle the reviewer's terminal or
 * clear the screen, and a bidi override must not make `evil` read as `live`.
 *
 * Every character a terminal or a Markdown renderer could act on is replaced by a visible
 * escape in JavaScript notation: C0 controls (`\x1b`, `\t`, `\r`; newline only in `visibleLine`),
 * DEL and the C1 controls (`\x7f` … `\x9f`), and the Unicode bidi controls (`\u202e`, …). The
 * escapes are ASCII, so they cannot be acted on in turn.
 *
 * Views apply this to data at the point they place it in their output, so their own styling
 * (SGR colour codes) is the only control text that ever reaches the terminal.
 */

// C0 but newline, DEL, C1; and the bidi embeddings, overrides, isolates and marks (Unicode
// UAX #9: ALM U+061C, LRM/RLM U+200E/F, LRE…RLO U+202A–E, LRI…PDI U+2066–9).
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex
const CONTROLS_AND_NEWLINE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Readonly<Record<string, string>> = {'\t': '\\t', '\n': '\\n', '\r': '\\r'};

function escapeControl(char: string): string {
  const named = NAMED[char];
  if (named !== undefined) return named;
  const code = char.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** Data that may span lines (a warning, a multi-line note): newlines stay, every other control is escaped. */
export function visible(text: string): string {
  return text.replace(CONTROLS, escapeControl);
}

/** Data placed on one line (a table cell, a list item, an error line): newlines are escaped too. */
export function visibleLine(text: string): string {
  return text.replace(CONTROLS_AND_NEWLINE, escapeControl);
}
