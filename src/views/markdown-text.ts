import {visibleLine} from './safe-text.js';

/**
 * Data placed in Markdown (change tickets): it must not break a table, add markup, or reach a
 * terminal raw when the ticket is read with `cat`. Line breaks become spaces, control
 * characters are shown escaped (safe-text.ts), Markdown's own characters are backslashed.
 */

export function markdownRow(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

/** Text for a table cell or a sentence. */
export function markdownCell(text: string): string {
  return (
    visibleLine(text.replace(/[\r\n]+/g, ' '))
      // `~` too: GitHub renders text between single tildes struck through, and dpkg versions have them.
      .replace(/[\\`*_~[\]<>#]/g, (c) => `\\${c}`)
      .replace(/\|/g, '\\|')
      .trim()
  );
}

/** A code span that survives backticks in the text (CommonMark: use a longer fence) and pipes (a table). */
export function markdownCode(text: string): string {
  const clean = visibleLine(text.replace(/[\r\n]+/g, ' '));
  const longest = Math.max(0, ...(clean.match(/`+/g) ?? []).map((m) => m.length));
  const fence = '`'.repeat(longest + 1);
  const pad = clean.startsWith('`') || clean.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${clean.replace(/\|/g, '\\|')}${pad}${fence}`;
}
