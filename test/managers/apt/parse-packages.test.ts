import {describe, expect, it} from 'vitest';

import {parseIndexTargets, type IndexTarget} from '../../../src/managers/apt/parse-index-targets.js';
import {originOf, PackagesIndex} from '../../../src/managers/apt/parse-packages.js';
import {captureListFiles, fixture} from './support.js';

function sandboxIndex(): PackagesIndex {
  const lists = captureListFiles();
  const index = new PackagesIndex();
  for (const target of parseIndexTargets(fixture('debian-12/collect/apt-get-indextargets.stdout'))) {
    const text = lists[target.filename];
    if (text !== undefined) index.addList(text, target);
  }
  return index;
}

describe('PackagesIndex over the sandbox lists', () => {
  const index = sandboxIndex();

  it('keeps one entry per (version, list): an Architecture: all version appears in each architecture list and the mirror', () => {
    const hello = index.entries('hello-pp').filter((e) => e.stanza.version === '1.0-1+deb12u1');
    expect(hello.map((e) => [e.target.label, e.target.architecture])).toEqual([
      ['Debian-Security', 'amd64'],
      ['Debian-Security', 'i386'],
      ['Internal-Mirror', 'amd64'],
    ]);
  });

  it('reads the fields the inventory and the resolver need', () => {
    const libfoo = index.entries('libfoo-pp').find((e) => e.stanza.version === '1.1-1+deb12u1' && e.stanza.arch === 'i386')?.stanza;
    expect(libfoo).toEqual({
      name: 'libfoo-pp',
      version: '1.1-1+deb12u1',
      arch: 'i386',
      priority: 'important',
      section: 'libs',
      multiArch: 'same',
      depends: '',
      preDepends: '',
      provides: '',
    });
    expect(index.entries('app-pp').find((e) => e.stanza.version === '1.0-1+deb12u1')?.stanza.depends).toBe('libfoo-pp (>= 1.1), newdep-pp');
  });

  it('finds providers of a virtual name', () => {
    expect(index.providers('pp-virtual')).toEqual(['provider-pp']);
    expect(index.providers('nothing-provides-this')).toEqual([]);
  });

  it('answers an unknown name with nothing', () => {
    expect(index.entries('not-in-any-list')).toEqual([]);
  });

  it('turns an index target into the inventory origin (no file name, no architecture)', () => {
    const [target] = parseIndexTargets(fixture('debian-12-host/apt-get-indextargets.stdout'));
    expect(target && originOf(target)).toEqual({
      archive: 'oldstable',
      codename: 'bookworm',
      label: 'Debian',
      origin: 'Debian',
      site: 'deb.debian.org',
      component: 'main',
      trusted: true,
    });
  });
});

describe('PackagesIndex store', () => {
  const target = (name: string): IndexTarget => ({
    filename: `/var/lib/apt/lists/${name}_Packages`,
    archive: name,
    codename: 'bookworm',
    label: 'Debian',
    origin: 'Debian',
    site: 'deb.debian.org',
    component: 'main',
    architecture: 'amd64',
    trusted: true,
    description: name,
  });

  it('keeps apt\'s order of lists when their bytes arrive interleaved', () => {
    const index = new PackagesIndex();
    const first = index.reader(target('first'));
    const second = index.reader(target('second'));
    const a = Buffer.from('Package: p\nVersion: 1\n\nPackage: q\nVersion: 1\n\nPackage: p\nVersion: 3\n');
    const b = Buffer.from('Package: p\nVersion: 2\n\nPackage: r\nVersion: 1\n');
    for (let i = 0; i < Math.max(a.length, b.length); i += 5) {
      second.push(b.subarray(i, i + 5));
      first.push(a.subarray(i, i + 5));
    }
    index.add(first.end());
    index.add(second.end());
    expect(index.entries('p').map((e) => [e.stanza.version, e.target.archive])).toEqual([
      ['1', 'first'],
      ['3', 'first'],
      ['2', 'second'],
    ]);
    expect(index.entries('r').map((e) => e.target.archive)).toEqual(['second']);
  });

  it('keeps every value exactly: continuation lines, Unicode, Unicode blanks at the edges, a Depends larger than a store chunk', () => {
    const huge = Array.from({length: 120_000}, (_, i) => `libx${i}`).join(', ');
    const text = [
      'Package: wide\nVersion: 1:2.0~ü\nArchitecture: all\nPriority: optional\nSection: ß\nMulti-Arch: foreign\nDepends: a,\n b (>= 1)\nPre-Depends:\u00a0c\u00a0\nProvides: \ufeffv\n',
      `Package: huge\nVersion: 1\nDepends: ${huge}\n`,
      'Package: no-version\n',
      'Package: after\nVersion: 2\n',
    ].join('\n');
    const index = new PackagesIndex();
    index.addList(text, target('t'));
    expect(index.entries('wide').map((e) => e.stanza)).toEqual([
      {name: 'wide', version: '1:2.0~ü', arch: 'all', priority: 'optional', section: 'ß', multiArch: 'foreign', depends: 'a,\nb (>= 1)', preDepends: 'c', provides: 'v'},
    ]);
    expect(index.entries('huge')[0]?.stanza.depends).toBe(huge);
    expect(index.entries('no-version')).toEqual([]);
    expect(index.entries('after')[0]?.stanza).toMatchObject({version: '2', arch: '', depends: '', provides: ''});
    expect(index.providers('v')).toEqual(['wide']);
  });
});
