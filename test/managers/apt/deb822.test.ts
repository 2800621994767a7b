import {describe, expect, it} from 'vitest';

import {parseParagraph, parseParagraphs, peekField, splitParagraphs} from '../../../src/managers/apt/deb822.js';
import {fixture} from './support.js';

const SECURITY_LIST = 'debian-12/collect/lists/_tmp_pp-apt-capture_repo_dists_bookworm-security_main_binary-amd64_Packages';

describe('deb822 paragraphs', () => {
  it('splits a real Packages list into one paragraph per version', () => {
    const paragraphs = splitParagraphs(fixture(SECURITY_LIST));
    expect(paragraphs.map((p) => peekField(p, 'Package'))).toEqual(['app-pp', 'hello-pp', 'kernel-pp', 'libfoo-pp', 'newdep-pp', 'provider-pp']);
  });

  it('parses fields case-insensitively and keeps values verbatim', () => {
    const [first] = parseParagraphs(fixture(SECURITY_LIST));
    expect(first?.get('package')).toBe('app-pp');
    expect(first?.get('version')).toBe('1.0-1+deb12u1');
    expect(first?.get('depends')).toBe('libfoo-pp (>= 1.1), newdep-pp');
    expect(first?.get('description')).toBe('sandbox test package app-pp');
  });

  it('joins continuation lines and skips comments; a blank line with spaces still ends a paragraph', () => {
    const text = 'Package: a\nDescription: short\n more text\n .\n# a comment\nVersion: 1\n  \t\nPackage: b\r\nVersion: 2\r\n';
    const paragraphs = parseParagraphs(text);
    expect(paragraphs).toHaveLength(2);
    expect(paragraphs[0]?.get('description')).toBe('short\nmore text\n.');
    expect(paragraphs[0]?.get('version')).toBe('1');
    expect(paragraphs[1]?.get('version')).toBe('2');
  });

  it('peeks at a field that is not first without parsing the paragraph', () => {
    const raw = 'Description: x\nPackage: late\nVersion: 3';
    expect(peekField(raw, 'package')).toBe('late');
    expect(peekField(raw, 'Provides')).toBeNull();
    expect(parseParagraph(raw).get('package')).toBe('late');
  });
});
