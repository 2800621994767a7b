import stringWidth from 'string-width';
import wrapAnsi from 'wrap-ansi';

import {visibleLine} from '../safe-text.js';
import {fit, padEnd} from '../text.js';

/**
 * The review draws lines of styled spans, measured and cut here before ink sees them, so no
 * line is ever wider than the terminal: ink would wrap it onto a second row and push the
 * status line off an 80×24 screen. Widths are display columns (string-width), not code units,
 * so a CJK name or a combining accent in a package title does not misalign the columns.
 *
 * A span's text is already safe (data went through `visibleLine` where the span was built);
 * tones are what the span means, and the component decides whether that means a colour.
 */
/** `inverse` is only used with colour (a prompt's cursor block); without colour the views use plain marks. */
export type Tone = 'plain' | 'bold' | 'dim' | 'red' | 'green' | 'yellow' | 'cyan' | 'inverse';

export interface Span {
  readonly text: string;
  readonly tone: Tone;
}

export type Line = readonly Span[];

export function span(text: string, tone: Tone = 'plain'): Span {
  return {text, tone};
}

/** A span of data (a name, a version, a note): control characters are shown escaped. */
export function data(text: string, tone: Tone = 'plain'): Span {
  return {text: visibleLine(text), tone};
}

export function widthOf(text: string): number {
  return stringWidth(text);
}

export function lineWidth(line: Line): number {
  return line.reduce((sum, s) => sum + stringWidth(s.text), 0);
}

/** `text` cut to `width` columns with an ellipsis, or padded with spaces to exactly `width`. */
export function fitText(text: string, width: number): string {
  return padEnd(fit(text, width), width);
}

/** `text` cut to at most `width` columns, not padded. */
export function truncateText(text: string, width: number): string {
  return fit(text, width);
}

/** `text` cut to at most `width` columns from its start (`…12u14`): where the end is what matters. */
export function truncateStart(text: string, width: number): string {
  return fit(text, width, 'start');
}

/** The line cut to `width` columns: spans past the edge are dropped, the one on it ends in an ellipsis. */
export function fitLine(line: Line, width: number): Line {
  const out: Span[] = [];
  let used = 0;
  for (const s of line) {
    const w = stringWidth(s.text);
    if (used + w <= width) {
      out.push(s);
      used += w;
      continue;
    }
    const room = width - used;
    if (room > 0) out.push({text: fit(s.text, room), tone: s.tone});
    break;
  }
  return out;
}

/**
 * Safe text wrapped at word boundaries into lines of at most `width` columns; a word longer than
 * a line (a long version or URL) is cut hard rather than overflowing.
 */
export function wrapText(text: string, width: number): string[] {
  if (width <= 0) return [text];
  return wrapAnsi(text, width, {hard: true, trim: true}).split('\n');
}

/**
 * A labelled paragraph: `first` before the first line, `rest` (spaces of the same width) before
 * the others, wrapped to `width`; every line is one span of `tone`.
 */
export function paragraph(text: string, width: number, indent: {first: string; rest?: string}, tone: Tone = 'plain'): Line[] {
  const rest = indent.rest ?? ' '.repeat(stringWidth(indent.first));
  const room = Math.max(10, width - stringWidth(indent.first));
  return wrapText(text, room).map((piece, i) => [span(i === 0 ? indent.first : rest), span(piece, tone)]);
}
