import {describe, expect, it} from 'vitest';

import {visible, visibleLine} from '../../src/views/safe-text.js';
import {expectNoControls} from '../helpers/hostile.js';

describe('visible / visibleLine', () => {
  it('escapes a terminal title and screen-clearing sequence so nothing is left to act on', () => {
    const hostile = 'x\u001b]0;pwned\u0007\u001b[2J';
    expect(visibleLine(hostile)).toBe('x\\x1b]0;pwned\\x07\\x1b[2J');
    expectNoControls(visibleLine(hostile));
  });

  it('escapes DEL, the C1 controls (CSI U+009B) and the bidi controls', () => {
    expect(visibleLine('a\u007fb\u009b2Jc')).toBe('a\\x7fb\\x9b2Jc');
    expect(visibleLine('evil\u202elive\u2066x\u2069\u200f\u061c')).toBe('evil\\u202elive\\u2066x\\u2069\\u200f\\u061c');
  });

  it('keeps newlines in visible, escapes them (and tabs, CR) in visibleLine', () => {
    expect(visible('one\ntwo\tthree\r')).toBe('one\ntwo\\tthree\\r');
    expect(visibleLine('one\ntwo')).toBe('one\\ntwo');
  });

  it('leaves ordinary text, including non-ASCII letters, emoji and backslashes, as it is', () => {
    const text = 'libc6 2.36-9+deb12u14 — Überprüfung ✓ 日本語 🙂 C:\\Windows';
    expect(visibleLine(text)).toBe(text);
  });
});
