import {describe, expect, it} from 'vitest';

import {FieldReader, ParagraphStream, parseParagraph, parseParagraphs, splitParagraphs} from '../../../src/managers/apt/deb822.js';
import {unevenPieces} from '../../helpers/node-files.js';
import {fixture} from './support.js';

const SECURITY_LIST = 'debian-12/collect/lists/_tmp_pp-apt-capture_repo_dists_bookworm-security_main_binary-amd64_Packages';

describe('deb822 paragraphs', () => {
  it('splits a real Packages list into one paragraph per version', () => {
    const paragraphs = splitParagraphs(fixture(SECURITY_LIST));
    expect(paragraphs.map((p) => parseParagraph(p).get('package'))).toEqual(['app-pp', 'hello-pp', 'kernel-pp', 'libfoo-pp', 'newdep-pp', 'provider-pp']);
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

  it('reads a field that is not first', () => {
    expect(parseParagraph('Description: x\nPackage: late\nVersion: 3').get('package')).toBe('late');
  });
});

/** What a ParagraphStream emits for `text` fed in `pieces`, each paragraph read with parseParagraph's rules. */
function streamed(text: string, fields: readonly string[], pieces: Iterable<Buffer>): (string | undefined)[][] {
  const reader = new FieldReader(fields);
  const out: (string | undefined)[][] = [];
  const stream = new ParagraphStream((buf, start, end) => out.push(reader.read(buf, start, end)));
  for (const piece of pieces) stream.push(piece);
  stream.end();
  return out;
}

/** The same, from the whole text through splitParagraphs and parseParagraph. */
function whole(text: string, fields: readonly string[]): (string | undefined)[][] {
  return parseParagraphs(text).map((p) => fields.map((f) => p.get(f)));
}

describe('deb822 paragraphs as a byte stream', () => {
  const FIELDS = ['package', 'version', 'depends', 'description'];
  const TEXTS = [
    fixture(SECURITY_LIST),
    'Package: a\nDescription: short\n more text\n .\n# a comment\nVersion: 1\n  \t\nPackage: b\r\nVersion: 2\r\n',
    '\n\n  \nPackage: a\n\n\n\nPackage: b\nVersion: 2\nVersion: 3\n\n  \n\t\n',
    'Package: crlf\r\nVersion: 1\r\n\r\nPackage: cr\rVersion: 2\r\rPackage: last\rDepends: x\r',
    'Package: a\n\tDepends: early\nDEPENDS :  b (>= 1) \nx-depends: no\n: empty\nno colon\nPackage: named twice\nVersion: 1',
    'Package: ünïcödé\nVersion: 1\u00a0\nDepends: \u00a0x\n \nPackage: z\nVersion: 2\n  ',
  ];

  it('reads every paragraph and field as splitParagraphs and parseParagraph do, however the bytes are cut', () => {
    for (const text of TEXTS) {
      const bytes = Buffer.from(text);
      expect(streamed(text, FIELDS, [bytes])).toEqual(whole(text, FIELDS));
      expect(streamed(text, FIELDS, unevenPieces(bytes))).toEqual(whole(text, FIELDS));
      expect(streamed(text, FIELDS, [...bytes].map((b) => Buffer.from([b])))).toEqual(whole(text, FIELDS));
    }
  });

  it('does not keep the pieces it was given (they may be reused)', () => {
    const piece = Buffer.from('Package: a\nVersion: 1\n\nPackage: b\nVer');
    const out = streamed('', ['package', 'version'], (function* () {
      yield piece;
      piece.fill(0x3f);
      yield Buffer.from('sion: 2\n');
    })());
    expect(out).toEqual([
      ['a', '1'],
      ['b', '2'],
    ]);
  });
});
