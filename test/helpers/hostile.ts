import {expect} from 'vitest';

/**
 * Strings a repository, an inventory, a baseline or a reviewer could hand patchplan to attack
 * the reviewer's terminal or a Markdown renderer: a title change, a screen clear, a cursor
 * move, the 8-bit CSI, DEL, a bidi override that makes text read backwards, OSC 8 hyperlinks,
 * bells, NUL, carriage returns that overwrite a line, and Markdown/HTML markup.
 */
export const HOSTILE_STRINGS: readonly string[] = [
  'x\u001b]0;pwned\u0007\u001b[2J',
  'evil\u001b[1A\u001b[2Kok',
  'a\u009b31mred',
  'del\u007fete',
  'ab\u202ecd.exe',
  'iso\u2066late\u2069d',
  'link\u001b]8;;https://evil.example\u001b\\here\u001b]8;;\u001b\\',
  'bell\u0007nul\u0000tab\tcr\rlf',
  'line\nbreak',
  '<script>alert(1)</script>|`code`*bold*',
];

/**
 * No control character a terminal could act on: nothing below 0x20 but newline, no DEL or
 * C1 (0x7f–0x9f), no bidi controls. Colour codes are the views' own and are stripped first
 * by the caller when colour was on.
 */
export function expectNoControls(text: string): void {
  // eslint-disable-next-line no-control-regex
  const found = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/.exec(text);
  expect(found === null ? null : `U+${found[0].charCodeAt(0).toString(16).padStart(4, '0')} at ${found.index}: ${JSON.stringify(text.slice(Math.max(0, found.index - 20), found.index + 20))}`).toBeNull();
}
