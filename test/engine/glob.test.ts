import {describe, expect, it} from 'vitest';

import {entryMatchesAny, globMatches, globToRegExp, hasGlob} from '../../src/engine/glob.js';

describe('glob (fnmatch semantics, spec §3.1)', () => {
  it.each([
    ['dbus*', 'dbus-tools', true],
    ['dbus*', 'dbus', true],
    ['dbus*', 'xdbus', false],
    ['dbus-1.12.2*', 'dbus-1.12.28-1.amzn2023.0.1', true],
    ['lib?ml2', 'libxml2', true],
    ['lib?ml2', 'libxxml2', false],
    ['kernel-[0-9]*', 'kernel-6.1', true],
    ['kernel-[0-9]*', 'kernel-devel', false],
    ['kernel-[!0-9]*', 'kernel-devel', true],
    ['a.b', 'axb', false],
    ['a+b', 'a+b', true],
    ['(x)', '(x)', true],
    ['[]]', ']', true],
    ['[unclosed', '[unclosed', true],
    ['*.x86_64', 'curl.x86_64', true],
    ['dbus-*:1.12.28-1.amzn2023.0.1.x86_64', 'dbus-1:1.12.28-1.amzn2023.0.1.x86_64', true],
  ])('%s ~ %s → %s', (pattern, text, expected) => {
    expect(globMatches(pattern, text)).toBe(expected);
  });

  it('anchors the whole string', () => {
    expect(globToRegExp('curl').test('libcurl')).toBe(false);
    expect(globToRegExp('curl').test('curl-minimal')).toBe(false);
  });

  it('treats `^` inside a class literally, as fnmatch does', () => {
    expect(globMatches('[^a]', '^')).toBe(true);
    expect(globMatches('[^a]', 'b')).toBe(false);
  });

  it('an invalid range matches nothing instead of throwing', () => {
    expect(globMatches('[z-a]', 'm')).toBe(false);
    expect(entryMatchesAny('[z-a]*', ['abc'])).toBe(false);
  });

  it('knows which entries use glob syntax', () => {
    expect(hasGlob('dbus*')).toBe(true);
    expect(hasGlob('lib?')).toBe(true);
    expect(hasGlob('[ab]c')).toBe(true);
    expect(hasGlob('openssl')).toBe(false);
    expect(hasGlob('[')).toBe(false);
  });

  it('list entries match case-insensitively, exactly or by glob', () => {
    expect(entryMatchesAny('OpenSSL', ['openssl'])).toBe(true);
    expect(entryMatchesAny('OPENSSL*', ['openssl-libs'])).toBe(true);
    expect(entryMatchesAny('openssl', ['openssl-libs'])).toBe(false);
  });
});
