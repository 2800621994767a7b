import {describe, expect, it} from 'vitest';

import {ExternalCommandError, InputError} from '../../src/errors.js';
import {parseUpdateinfo} from '../../src/managers/rpm-common/updateinfo.js';
import {parseZypperStream} from '../../src/managers/zypper/xml.js';
import {MAX_XML_DEPTH} from '../../src/json/limits.js';
import {checkXml} from '../../src/xml/check.js';
import {errorOf} from '../helpers/input-error.js';

const laughs = (root: string, inner: string): string => {
  const levels = Array.from({length: 9}, (_, n) => `<!ENTITY lol${n + 1} "${`&lol${n};`.repeat(10)}">`).join('');
  return `<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol0 "lol">${levels}]>\n<${root}>${inner}</${root}>`;
};
const nested = (root: string, depth: number): string => `<${root}>${'<a>'.repeat(depth)}${'</a>'.repeat(depth)}</${root}>`;

describe('checkXml: what is refused before fast-xml-parser builds anything', () => {
  it('a DOCTYPE (billion laughs, external entities), at its line and column', () => {
    expect(checkXml(laughs('updates', '&lol9;'))).toEqual({line: 2, column: 1, message: 'a DOCTYPE is not accepted (entity declarations could expand without bound)'});
    expect(checkXml('<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><updates>&e;</updates>')?.message).toMatch(/DOCTYPE/);
  });

  it(`nesting past ${MAX_XML_DEPTH} elements, at the first start tag too deep; comments, CDATA, self-closing tags and quoted > do not count`, () => {
    expect(checkXml(nested('r', MAX_XML_DEPTH - 1))).toBeNull();
    expect(checkXml(nested('r', MAX_XML_DEPTH))).toEqual({line: 1, column: 3 + 3 * (MAX_XML_DEPTH - 1) + 1, message: `elements nested deeper than ${MAX_XML_DEPTH} levels`});
    expect(checkXml(nested('r', 20_000))?.message).toBe(`elements nested deeper than ${MAX_XML_DEPTH} levels`);
    const flat = `<r>${'<a x="1>2"/><!-- <b> --><![CDATA[<c>]]><?pi <d>?>'.repeat(500)}</r>`;
    expect(checkXml(flat)).toBeNull();
  });

  it('a raw C0 control character (XML 1.0 allows only tab, LF and CR), named by code point, never copied', () => {
    expect(checkXml('<updates>\n<update>a\u001b[2Jb</update></updates>')).toEqual({line: 2, column: 10, message: 'control character U+001B (not allowed in XML)'});
    expect(checkXml('<updates>\t\r\n</updates>')).toBeNull();
  });

  it('what the validator refuses, with its line (and column when it has one)', () => {
    expect(checkXml('<updates><update>')).toMatchObject({line: 1});
    expect(checkXml('')).toEqual({line: 1, message: 'Start tag expected.'});
    expect(checkXml('\u0000\u0001\u00ff<<>>&&')).toMatchObject({line: 1, column: 1});
  });
});

describe('updateinfo.xml and zypper XML: every malformed document is one line, never a bare Error', () => {
  it.each([
    ['billion laughs', laughs('updates', '<update><id>&lol9;</id></update>'), 'u.xml: line 2'],
    ['deep nesting', nested('updates', 20_000), 'u.xml: line 1'],
    ['an unclosed tag', '<updates><update>', 'u.xml: line 1'],
    ['binary garbage', '\u0000\u0001\u00ff<<>>&&', 'u.xml: line 1'],
    ['a wrong root element', '<foo/>', 'u.xml'],
    ['a tag named __proto__', '<updates><__proto__/></updates>', 'u.xml'],
    ['a package without attributes', '<updates><update><id>X</id><pkglist><collection><package/></collection></pkglist></update></updates>', 'u.xml: updates.update[0].pkglist.collection[0].package[0].name'],
  ])('updateinfo: %s is an InputError naming the file', (_name, xml, where) => {
    const error = errorOf(() => parseUpdateinfo(xml, 'u.xml'));
    expect(error).toBeInstanceOf(InputError);
    expect(error.where).toBe(where);
    expect(error.line()).not.toContain('\n');
  });

  it('updateinfo: the wrong root element says so', () => {
    expect(errorOf(() => parseUpdateinfo('<foo/>', 'u.xml')).line()).toBe('u.xml: not an updateinfo.xml: its root element is not <updates>');
  });

  it.each([
    ['billion laughs', laughs('stream', '<message type="info">&lol9;</message>')],
    ['deep nesting', nested('stream', 20_000)],
    ['an unclosed tag', '<stream><update-status>'],
    ['binary garbage', '\u0000\u0001\u00ff<<>>&&'],
    ['a tag named __proto__', '<stream><__proto__/></stream>'],
    ['nothing at all', ''],
  ])('zypper: %s is an ExternalCommandError naming the command', (_name, xml) => {
    const error = errorOf(() => parseZypperStream(xml, 'zypper --xmlout list-updates'));
    expect(error).toBeInstanceOf(ExternalCommandError);
    expect(error.line()).toMatch(/^zypper --xmlout list-updates: printed malformed XML( at line \d+(, column \d+)?)?: /);
    expect(error.line()).not.toContain('undefined');
  });
});
