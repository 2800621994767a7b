import fc from 'fast-check';
import stringWidth from 'string-width';
import {describe, expect, it} from 'vitest';

import {displayWidth, fit, labelled, nameList, wrapHanging} from '../../src/views/text.js';

describe('fit', () => {
  it('cuts by display width, never wider, even inside wide characters', () => {
    for (let width = 1; width <= 20; width++) {
      for (const position of ['end', 'middle', 'start'] as const) {
        expect(displayWidth(fit('fonts-日本語日本語-extra', width, position))).toBeLessThanOrEqual(width);
      }
    }
    expect(fit('openssl', 20)).toBe('openssl');
    expect(fit('libgdk-pixbuf2.0-common', 10)).toBe('libgdk-pi…');
  });

  it('keeps colour codes out of the count', () => {
    expect(fit('\u001b[1mopenssl\u001b[22m', 7)).toBe('\u001b[1mopenssl\u001b[22m');
  });
});

describe('wrapHanging / nameList', () => {
  it('wraps at word boundaries under a hanging indent', () => {
    expect(wrapHanging('one two three four five six', 14, '- ', '  ')).toEqual(['- one two', '  three four', '  five six']);
  });

  it('lists as many names as fit and counts the rest', () => {
    expect(nameList(['alpha', 'beta', 'gamma', 'delta'], 30)).toBe('alpha, beta, gamma, delta');
    expect(nameList(['alpha', 'beta', 'gamma', 'delta'], 24)).toBe('alpha, beta and 2 more');
  });
});

describe('labelled', () => {
  const hash = `sha256:${'0123456789abcdef'.repeat(4)}`;
  it('puts the value beside the label when its first word fits, wrapped under itself', () => {
    expect(labelled('Key:  ', 'one two three four five', 16)).toEqual(['Key:  one two', '      three four', '      five']);
  });
  it('puts a value whose first word does not fit below the label, indented, whole when the line allows', () => {
    expect(labelled('Fingerprint: ', hash, 80)).toEqual(['Fingerprint:', `  ${hash}`]);
    for (const line of labelled('Fingerprint: ', hash, 40)) expect(displayWidth(line)).toBeLessThanOrEqual(40);
  });
});

describe('displayWidth', () => {
  it("agrees with string-width on any text (the plain-ASCII shortcut included)", () => {
    const pieces = fc.constantFrom('a', 'Z', ' ', '~', '→', '…', '日', 'é', 'e\u0301', '\u001b[1m', '\u001b[22m', '😀', '\t', '\u0000');
    fc.assert(
      fc.property(fc.array(fc.oneof(pieces, fc.string({unit: 'binary', maxLength: 4})), {maxLength: 12}), (parts) => {
        const text = parts.join('');
        expect(displayWidth(text)).toBe(stringWidth(text));
      }),
    );
  });
});

describe('nameList on long lists', () => {
  it('shows as many names as fit, and counts the rest, for thousands of names', () => {
    const names = Array.from({length: 5000}, (_, i) => `pkg-${i}`);
    const text = nameList(names, 60);
    expect(displayWidth(text)).toBeLessThanOrEqual(60);
    const shown = text.replace(/ and \d+ more$/, '').split(', ');
    expect(text.endsWith(` and ${5000 - shown.length} more`)).toBe(true);
    expect(displayWidth(`${[...shown, names[shown.length]].join(', ')} and ${5000 - shown.length - 1} more`)).toBeGreaterThan(60);
  });
});
