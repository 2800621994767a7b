import {describe, expect, it} from 'vitest';

import {diffVersions, tokenize} from '../../src/views/version-diff.js';

/** Renders changed runs as [run] to make the table readable. */
function marked(from: string, to: string): string {
  const d = diffVersions(from, to);
  const show = (segments: typeof d.from) => segments.map((s) => (s.changed ? `[${s.text}]` : s.text)).join('');
  return `${show(d.from)} → ${show(d.to)}`;
}

describe('diffVersions', () => {
  it.each([
    ['3.0.2-0ubuntu1.17', '3.0.2-0ubuntu1.18', '3.0.2-0ubuntu1.[17] → 3.0.2-0ubuntu1.[18]'],
    ['3.0.17-1~deb12u2', '3.0.18-1~deb12u1', '3.0.[17]-1~deb12u[2] → 3.0.[18]-1~deb12u[1]'],
    ['2.6.0', '2.6.0+deb12u1', '2.6.0 → 2.6.0[+deb12u1]'],
    ['1:9.2p1-2+deb12u7', '1:9.2p1-2+deb12u8', '1:9.2p1-2+deb12u[7] → 1:9.2p1-2+deb12u[8]'],
    ['1.9', '1.10', '1.[9] → 1.[10]'],
    ['1.0', '1.0', '1.0 → 1.0'],
    ['6.1.155-176.282.amzn2023', '6.1.158-180.294.amzn2023', '6.1.[155]-[176].[282].amzn2023 → 6.1.[158]-[180].[294].amzn2023'],
  ])('%s → %s', (from, to, expected) => {
    expect(marked(from, to)).toBe(expected);
  });

  it('loses no character', () => {
    const d = diffVersions('5:28.5.1-1~debian.12~bookworm', '5:28.5.2-1~debian.12~bookworm');
    expect(d.from.map((s) => s.text).join('')).toBe('5:28.5.1-1~debian.12~bookworm');
    expect(d.to.map((s) => s.text).join('')).toBe('5:28.5.2-1~debian.12~bookworm');
  });

  it('tokenizes into digit runs, letter runs and single separators', () => {
    expect(tokenize('1:2.36-9+deb12u13')).toEqual(['1', ':', '2', '.', '36', '-', '9', '+', 'deb', '12', 'u', '13']);
  });
});
