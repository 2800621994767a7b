import cliTruncate from 'cli-truncate';
import stringWidth from 'string-width';
import wrapAnsi from 'wrap-ansi';

/**
 * Text layout for the human views, by display width (a CJK character takes two columns, a
 * combining accent none) and colour-aware (escape sequences take no room and survive a cut).
 */

/** Printable ASCII and the views' own → and … (one column each, as string-width says): no escape sequences, nothing wide. */
const PLAIN_ASCII = /^[\x20-\x7e\u2192\u2026]*$/;

export function displayWidth(text: string): number {
  // string-width segments graphemes and strips escapes: a tenth of a second per thousand rows
  // of the plan view, for text that is nearly always plain ASCII.
  return PLAIN_ASCII.test(text) ? text.length : stringWidth(text);
}

/**
 * `text` cut to `width` columns with an ellipsis where it was cut (the end, the middle to keep
 * both ends, or the start). cli-truncate 5.2.0 can end one column over when the cut falls
 * inside a wide character (`fonts-日本語日…` is 15 columns for 14): cut narrower until it fits,
 * since a line one column too wide wraps on a terminal.
 */
export function fit(text: string, width: number, position: 'end' | 'middle' | 'start' = 'end'): string {
  if (width <= 0) return '';
  if (displayWidth(text) <= width) return text;
  let cut = cliTruncate(text, width, {position, truncationCharacter: '…'});
  for (let w = width - 1; displayWidth(cut) > width && w > 0; w--) cut = cliTruncate(text, w, {position, truncationCharacter: '…'});
  return displayWidth(cut) > width ? '' : cut;
}

export function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

/**
 * Wraps at word boundaries into lines of at most `width` columns; the first line starts with
 * `first`, the others with `rest` (a hanging indent). Only a word longer than a whole line is
 * cut, so the width holds whatever the data.
 */
export function wrapHanging(text: string, width: number, first: string, rest: string): string[] {
  const room = Math.max(10, width - Math.max(displayWidth(first), displayWidth(rest)));
  return wrapAnsi(text, room, {hard: true, trim: true})
    .split('\n')
    .map((line, i) => `${i === 0 ? first : rest}${line}`);
}

/** `a, b, c and 12 more`: as many names as fit in `room` columns, and how many did not. */
export function nameList(names: readonly string[], room: number): string {
  // Widths of the first n names joined by ", ", summed once: the list may have thousands of names.
  const prefixWidth = [0];
  for (const [i, name] of names.entries()) prefixWidth.push((prefixWidth[i] ?? 0) + displayWidth(name) + (i > 0 ? 2 : 0));
  for (let shown = names.length; shown >= 1; shown--) {
    const rest = names.length - shown;
    const tail = rest > 0 ? ` and ${rest} more` : '';
    if ((prefixWidth[shown] ?? 0) + tail.length <= room) return names.slice(0, shown).join(', ') + tail;
  }
  return fit(`${names[0] ?? ''} and ${names.length - 1} more`, room);
}

/**
 * `Label:      value`, the value wrapped under itself at word boundaries; when not even the
 * value's first word fits beside the label (a 71-column digest at 80 columns after a wide
 * label), the value goes on the lines below, indented two columns, so hashes stay whole.
 */
export function labelled(label: string, value: string, width: number): string[] {
  const indent = ' '.repeat(displayWidth(label));
  const firstWord = value.split(' ', 1)[0] ?? '';
  if (displayWidth(label) + displayWidth(firstWord) <= width) return wrapHanging(value, width, label, indent);
  return [label.trimEnd(), ...wrapHanging(value, width, '  ', '  ')];
}
