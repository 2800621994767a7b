import {readdirSync} from 'node:fs';
import path from 'node:path';

import {describe, expect, it} from 'vitest';

import {assemblePackages, type AptCollection} from '../../../src/managers/apt/build-inventory.js';
import {parseAptPolicy} from '../../../src/managers/apt/parse-apt-policy.js';
import {parseDpkgQuery} from '../../../src/managers/apt/parse-dpkg-query.js';
import {parseIndexTargets} from '../../../src/managers/apt/parse-index-targets.js';
import {PackagesIndex} from '../../../src/managers/apt/parse-packages.js';
import {PackageSchema} from '../../../src/inventory/schema.js';
import {APT_FIXTURES, captureListFiles, fixture, fixtureJson, PythonAptViewSchema, recordedCommands} from './support.js';

function collection(dpkgQuery = fixture('debian-12/collect/dpkg-query.stdout')): AptCollection {
  const lists = captureListFiles();
  const index = new PackagesIndex();
  for (const target of parseIndexTargets(fixture('debian-12/collect/apt-get-indextargets.stdout'))) {
    const text = lists[target.filename];
    if (text !== undefined) index.addList(text, target);
  }
  return {
    nativeArch: 'amd64',
    installed: parseDpkgQuery(dpkgQuery),
    index,
    policy: parseAptPolicy(fixture('debian-12/collect/apt-cache-policy.stdout')),
  };
}

const assembled = assemblePackages(collection());
const byKey = new Map(assembled.packages.map((p) => [`${p.name}:${p.arch === 'all' ? 'amd64' : p.arch}`, p]));

describe('assemblePackages (golden, the sandbox captures)', () => {
  it('equals the reviewed expected packages', () => {
    expect(assembled.packages).toEqual(fixtureJson('debian-12/expected/packages.json'));
  });

  it('asks apt-cache policy about exactly the names the captured run asked about', () => {
    const args = recordedCommands('debian-12/collect').find((c) => c.argv.file === '/usr/bin/apt-cache')?.argv.args ?? [];
    expect(assembled.policyKeys).toEqual(args.slice(args.indexOf('--') + 1));
  });

  it('produces packages the inventory schema accepts', () => {
    for (const p of assembled.packages) expect(PackageSchema.safeParse(p).success).toBe(true);
  });
});

/**
 * python-apt (what AWS's payload reads) looked at the same root during the capture; the
 * inventory must agree with it version by version.
 */
describe('agrees with python-apt on the same root (python-apt-view.json)', () => {
  const view = PythonAptViewSchema.parse(fixtureJson('debian-12/python-apt-view.json'));

  it('has the same packages: installed ones plus python3-apt', () => {
    expect([...byKey.keys()].sort()).toEqual(Object.keys(view).sort());
  });

  it.each(Object.keys(view))('%s: versions, origins, Priority, Section, candidate', (key) => {
    const mine = byKey.get(key);
    const theirs = view[key];
    expect(mine?.installedVersion).toBe(theirs?.installed);
    expect((mine?.versions ?? []).map((v) => v.version).sort()).toEqual(Object.keys(theirs?.versions ?? {}).sort());
    for (const v of mine?.versions ?? []) {
      const other = theirs?.versions[v.version];
      const origins = (v.origins ?? []).map((o) => [o.archive, o.codename, o.label, o.origin, o.site, o.component, o.trusted]);
      expect(origins.map((o) => JSON.stringify(o)).sort()).toEqual((other?.origins ?? []).map((o) => JSON.stringify(o)).sort());
      expect([v.priority, v.section]).toEqual([other?.priority, other?.section]);
    }
    const candidate = mine?.versions.find((v) => v.candidate)?.version ?? null;
    expect(candidate).toBe(theirs?.candidate);
  });
});

/** `apt-get -s install -- name=version` for each newer version, captured: apt's own closure. */
describe('requires agrees with apt-get -s install (simulate/*.stdout)', () => {
  const files = readdirSync(path.join(APT_FIXTURES, 'debian-12/simulate'));

  it('covers every version that has requires', () => {
    const withRequires = assembled.packages.flatMap((p) => p.versions.filter((v) => v.requires !== undefined).map(() => p.name));
    expect(files).toHaveLength(withRequires.length);
  });

  it.each(files)('%s', (file) => {
    const [name, arch, encoded] = file.replace(/\.stdout$/, '').split('_');
    const version = (encoded ?? '').replace('%3a', ':');
    const inst = fixture(`debian-12/simulate/${file}`)
      .split('\n')
      .filter((l) => l.startsWith('Inst '))
      .map((l) => {
        // Inst libfoo-pp:i386 [1.0-1] (1.1-1+deb12u1 Debian-Security:stable-security [i386])
        const m = /^Inst (\S+?)(?::(\S+))? (?:\[\S+\] )?\((\S+) .*\[(\S+)\]\)/.exec(l);
        return {name: m?.[1] ?? '', arch: m?.[4] ?? '', version: m?.[3] ?? ''};
      })
      .filter((d) => !(d.name === name && d.arch === arch))
      .sort((a, b) => (a.name + a.arch < b.name + b.arch ? -1 : 1));
    const pkg = assembled.packages.find((p) => p.name === name && p.arch === arch);
    expect(pkg?.versions.find((v) => v.version === version)?.requires).toEqual(inst);
  });
});

describe('what is kept', () => {
  it('leaves out packages that are not installed, except python3-apt', () => {
    expect(byKey.has('newdep-pp:amd64')).toBe(false);
    expect(byKey.get('python3-apt:amd64')).toMatchObject({installedVersion: null, arch: 'all'});
  });

  it('keeps a Multi-Arch: same package once per installed architecture', () => {
    expect(assembled.packages.filter((p) => p.name === 'libfoo-pp').map((p) => p.arch)).toEqual(['amd64', 'i386']);
  });

  it('drops versions older than the installed one and keeps the installed one', () => {
    const newer = collection(fixture('debian-12/collect/dpkg-query.stdout').replace('hello-pp\tall\t1.0-1\t', 'hello-pp\tall\t1.0-1+deb12u2\t'));
    const hello = assemblePackages(newer).packages.find((p) => p.name === 'hello-pp');
    expect(hello?.versions.map((v) => v.version)).toEqual(['1.0-1+deb12u3', '1.0-1+deb12u2']);
  });

  it('lists an installed version no repository offers, with dpkg\'s Priority and Section and no origin', () => {
    const orphan = collection(`${fixture('debian-12/collect/dpkg-query.stdout')}gone-pp\tamd64\t0.1-1\tinstall ok installed\textra\toldlibs\tno\t\n`);
    expect(assemblePackages(orphan).packages.find((p) => p.name === 'gone-pp')).toEqual({
      name: 'gone-pp',
      arch: 'amd64',
      installedVersion: '0.1-1',
      versions: [{version: '0.1-1', origins: [], priority: 'extra', section: 'oldlibs'}],
    });
  });

  it('marks no candidate before the policy run, and asks about python3-apt and what updates pull in', () => {
    const first = assemblePackages({...collection(), policy: []});
    expect(first.packages.some((p) => p.versions.some((v) => v.candidate))).toBe(false);
    expect(first.policyKeys).toEqual(['app-pp', 'epoch-pp', 'hello-pp', 'kernel-pp', 'libfoo-pp', 'libfoo-pp:i386', 'newdep-pp', 'provider-pp', 'python3-apt']);
  });
});

describe('unfinished installations (captured half-configured root)', () => {
  const packages = assemblePackages(collection(fixture('debian-12/install-half-configured/dpkg-query-after.stdout'))).packages;

  it('marks the package dpkg left half-configured, in dpkg\'s words, and no other', () => {
    expect(packages.filter((p) => p.unfinished !== undefined).map((p) => [p.name, p.unfinished])).toEqual([['broken-pp', 'half-configured']]);
  });

  it('still reports its version (the files are on disk), for apply to judge', () => {
    expect(packages.find((p) => p.name === 'broken-pp')?.installedVersion).toBe('1.0-1');
  });
});
