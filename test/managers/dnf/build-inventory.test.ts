import {describe, expect, it} from 'vitest';

import {assembleInventory} from '../../../src/managers/dnf/build-inventory.js';
import {cacheDirName, dnfCacheHash, parseRepoFile} from '../../../src/managers/dnf/repo-cache.js';
import {parseRequirement, resolveRequires, satisfies} from '../../../src/managers/dnf/requires.js';
import {parseRpmQuery, parseUpdateinfo} from '../../../src/managers/rpm-common/index.js';

const installed = parseRpmQuery('a|0|1.0|1|x86_64|1|1\na|0|1.0|1|i686|1|1\nlib|0|1.0|1|x86_64|1|1\n');

describe('assembleInventory', () => {
  const notices = parseUpdateinfo(
    `<updates><update type="security"><id>S-1</id><severity>Important</severity><issued date="2026-01-01"/>
       <pkglist><collection><package name="a" epoch="0" version="1.1" release="1" arch="x86_64"/></collection></pkglist></update>
     <update type="bugfix"><id>B-1</id><pkglist><collection><package name="a" epoch="1" version="0.9" release="1" arch="x86_64"><reboot_suggested>true</reboot_suggested></package></collection></pkglist></update></updates>`,
    'u.xml',
  ).map((notice) => ({notice, repository: 'updates'}));

  it('links by exact name, epoch, version, release and arch; arches are separate packages', () => {
    const result = assembleInventory({
      installed,
      offered: [
        {name: 'a', arch: 'x86_64', evr: '1.1-1', repository: 'updates', requires: ['lib >= 1.1']},
        {name: 'a', arch: 'i686', evr: '1.1-1', repository: 'updates', requires: []},
        {name: 'a', arch: 'x86_64', evr: '1:0.9-1', repository: 'updates', requires: []},
        {name: 'lib', arch: 'x86_64', evr: '1.1-1', repository: 'updates', requires: []},
        {name: 'lib', arch: 'x86_64', evr: '1.1-1', repository: 'mirror', requires: []},
      ],
      notices: [...notices, ...notices],
    });
    const a64 = result.packages.find((p) => p.name === 'a' && p.arch === 'x86_64');
    expect(a64?.versions).toEqual([
      {version: '1.1-1', repository: 'updates', advisories: ['S-1'], requires: [{name: 'lib', arch: 'x86_64', version: '1.1-1'}]},
      {version: '1:0.9-1', repository: 'updates', advisories: ['B-1'], requires: [], rebootSuggested: true},
    ]);
    expect(result.packages.find((p) => p.name === 'a' && p.arch === 'i686')?.versions?.[0]?.advisories).toEqual([]);
    expect(result.packages.find((p) => p.name === 'lib')?.versions).toHaveLength(1);
    expect(result.advisories.map((x) => x.id)).toEqual(['S-1', 'B-1']);
    expect(result.advisories[1]).not.toHaveProperty('severity');
  });
});

describe('requires', () => {
  it('parses capabilities', () => {
    expect(parseRequirement('libfoo-pp >= 1.1')).toEqual({name: 'libfoo-pp', op: '>=', evr: '1.1'});
    expect(parseRequirement('/bin/sh')).toEqual({name: '/bin/sh'});
    expect(parseRequirement('rpmlib(CompressedFileNames) <= 3.0.4-1')).toBeNull();
  });

  it('a requirement without release compares versions only', () => {
    expect(satisfies('1.1-1', {name: 'x', op: '>=', evr: '1.1'})).toBe(true);
    expect(satisfies('1.0-9', {name: 'x', op: '>=', evr: '1.1'})).toBe(false);
    expect(satisfies('1.1-1', {name: 'x', op: '=', evr: '1.1-2'})).toBe(false);
    expect(satisfies('1:0.1-1', {name: 'x', op: '>', evr: '2.0'})).toBe(true);
  });

  it('resolves the recursive closure to the highest satisfying versions, skipping what is installed', () => {
    const unresolved = new Set<string>();
    const deps = resolveRequires(
      {name: 'app', arch: 'noarch', evr: '2-1', requires: ['lib >= 1.1', 'base', '/bin/sh']},
      {
        installed: new Map([['base', [{arch: 'noarch', evr: '1-1'}]]]),
        offers: new Map([
          ['lib', [{name: 'lib', arch: 'noarch', evr: '1.1-1', requires: ['core = 3-1']}, {name: 'lib', arch: 'noarch', evr: '1.2-1', requires: ['core = 3-1']}]],
          ['core', [{name: 'core', arch: 'noarch', evr: '3-1', requires: []}]],
        ]),
      },
      unresolved,
    );
    expect(deps).toEqual([
      {name: 'core', arch: 'noarch', version: '3-1'},
      {name: 'lib', arch: 'noarch', version: '1.2-1'},
    ]);
    expect([...unresolved]).toEqual(['app 2-1: /bin/sh']);
  });
});

describe('repo cache directory', () => {
  it("is libdnf's id-sha256(url)[0:16], checked against the lab", () => {
    expect(dnfCacheHash('file:///tmp/pp-rpmlab/repo-updates')).toBe('6dfaed8e77e5265e');
  });

  it('uses metalink, then mirrorlist, then the first baseurl, with variables substituted', () => {
    const repos = parseRepoFile(
      '[amzn2-core]\nmirrorlist=https://m.example/$releasever/$basearch/mirror.list\nbaseurl=https://b.example/\n[plain]\nbaseurl=https://one.example/$releasever/ https://two.example/\n',
      {releasever: '2', basearch: 'x86_64'},
    );
    expect(repos.get('amzn2-core')).toEqual({mirrorlist: 'https://m.example/2/x86_64/mirror.list', baseurl: 'https://b.example/'});
    expect(cacheDirName('plain', repos.get('plain'))).toBe(`plain-${dnfCacheHash('https://one.example/2/')}`);
    expect(cacheDirName('x', undefined)).toBe(`x-${dnfCacheHash('x')}`);
  });
});
