import {describe, expect, it} from 'vitest';

import {parseIndexTargets} from '../../../src/managers/apt/parse-index-targets.js';
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
