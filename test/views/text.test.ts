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
