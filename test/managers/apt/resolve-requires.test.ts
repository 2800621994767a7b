import {describe, expect, it} from 'vitest';

import type {InstalledPackage} from '../../../src/managers/apt/parse-dpkg-query.js';
import {PackagesIndex, type PackageStanza} from '../../../src/managers/apt/parse-packages.js';
import type {IndexTarget} from '../../../src/managers/apt/parse-index-targets.js';
import {aptArch, policyArch, providedNames, resolveRequires, type ResolveWorld} from '../../../src/managers/apt/resolve-requires.js';

/** Small worlds written as Packages paragraphs, the format the resolver reads in production. */
const TARGET: IndexTarget = {
  filename: '/var/lib/apt/lists/x_Packages',
  archive: 'stable',
  codename: 'bookworm',
  label: 'Debian',
  origin: 'Debian',
  site: '',
  component: 'main',
  architecture: 'amd64',
  trusted: true,
  description: 'x',
};

function paragraph(name: string, version: string, arch: string, extra = ''): string {
  return `Package: ${name}\nVersion: ${version}\nArchitecture: ${arch}\n${extra}`;
}

function installed(name: string, version: string, arch = 'all', more: Partial<InstalledPackage> = {}): InstalledPackage {
  return {name, arch, version, state: 'installed', eflag: 'ok', priority: 'optional', section: 'misc', multiArch: 'no', provides: '', ...more};
}

function world(paragraphs: string[], inst: InstalledPackage[], candidates: Record<string, string> = {}): ResolveWorld & {index: PackagesIndex} {
  const index = new PackagesIndex();
  index.addList(paragraphs.join('\n\n'), TARGET);
  const byName = new Map<string, InstalledPackage[]>();
  const providers = new Map<string, InstalledPackage[]>();
  for (const p of inst) {
    byName.set(p.name, [...(byName.get(p.name) ?? []), p]);
    for (const n of providedNames(p.provides)) providers.set(n, [...(providers.get(n) ?? []), p]);
  }
  return {nativeArch: 'amd64', index, installed: byName, installedProviders: providers, candidate: (name, arch) => candidates[arch === null ? name : `${name}:${arch}`]};
}

function stanza(w: {index: PackagesIndex}, name: string, version: string): PackageStanza {
  const found = w.index.entries(name).find((e) => e.stanza.version === version)?.stanza;
  if (!found) throw new Error(`no ${name} ${version}`);
  return found;
}

describe('resolveRequires', () => {
  it('pulls nothing in when installed packages already meet every clause', () => {
    const w = world([paragraph('app', '2', 'all', 'Depends: lib (>= 1)'), paragraph('lib', '1', 'amd64')], [installed('app', '1'), installed('lib', '1', 'amd64')]);
    expect(resolveRequires(stanza(w, 'app', '2'), w)).toMatchObject({requires: [], unresolved: []});
  });

  it("upgrades an installed dependency to apt's candidate, not to the highest version", () => {
    const w = world(
      [paragraph('app', '2', 'all', 'Depends: lib (>= 1.1)'), paragraph('lib', '1.1', 'amd64'), paragraph('lib', '1.2', 'amd64')],
      [installed('app', '1'), installed('lib', '1.0', 'amd64')],
      {lib: '1.1'},
    );
    const r = resolveRequires(stanza(w, 'app', '2'), w);
    expect(r.requires).toEqual([{name: 'lib', arch: 'amd64', version: '1.1'}]);
    expect([...r.consulted]).toEqual(['lib']);
  });

  it("takes the highest satisfying version when the candidate does not meet the constraint, never a downgrade", () => {
    const w = world(
      [paragraph('app', '2', 'all', 'Depends: lib (>= 1.1)'), paragraph('lib', '1.1', 'amd64'), paragraph('lib', '1.3', 'amd64'), paragraph('lib', '0.9', 'amd64')],
      [installed('app', '1'), installed('lib', '1.0', 'amd64')],
      {lib: '0.9'},
    );
    expect(resolveRequires(stanza(w, 'app', '2'), w).requires).toEqual([{name: 'lib', arch: 'amd64', version: '1.3'}]);
  });

  it('walks new packages in turn (the closure) and satisfies a virtual name through a provider', () => {
    const w = world(
      [
        paragraph('app', '2', 'all', 'Depends: newdep'),
        paragraph('newdep', '1', 'all', 'Depends: virt'),
        paragraph('zz-provider', '1', 'all', 'Provides: virt'),
        paragraph('aa-provider', '1', 'all', 'Provides: virt'),
      ],
      [installed('app', '1')],
    );
    expect(resolveRequires(stanza(w, 'app', '2'), w).requires).toEqual([
      {name: 'aa-provider', arch: 'all', version: '1'},
      {name: 'newdep', arch: 'all', version: '1'},
    ]);
  });

  it('counts an installed Provides, but a versioned dependency only through a versioned Provides', () => {
    const paragraphs = [paragraph('app', '2', 'all', 'Depends: virt'), paragraph('app2', '2', 'all', 'Depends: virt (>= 2)'), paragraph('real', '3', 'all', 'Provides: virt (= 3)')];
    const unversioned = world(paragraphs, [installed('app', '1'), installed('app2', '1'), installed('old', '1', 'all', {provides: 'virt'})]);
    expect(resolveRequires(stanza(unversioned, 'app', '2'), unversioned).requires).toEqual([]);
    expect(resolveRequires(stanza(unversioned, 'app2', '2'), unversioned).requires).toEqual([{name: 'real', arch: 'all', version: '3'}]);
  });

  it('takes the first alternative that can be installed when none is met', () => {
    const w = world([paragraph('app', '2', 'all', 'Depends: missing-pkg | second (>= 1)'), paragraph('second', '1', 'all')], [installed('app', '1')]);
    expect(resolveRequires(stanza(w, 'app', '2'), w).requires).toEqual([{name: 'second', arch: 'all', version: '1'}]);
  });

  it('moves installed Multi-Arch: same copies of other architectures to the same version', () => {
    const w = world(
      [paragraph('lib', '1.1', 'amd64', 'Multi-Arch: same'), paragraph('lib', '1.1', 'i386', 'Multi-Arch: same')],
      [installed('lib', '1.0', 'amd64', {multiArch: 'same'}), installed('lib', '1.0', 'i386', {multiArch: 'same'})],
    );
    expect(resolveRequires(stanza(w, 'lib', '1.1'), w).requires).toEqual([{name: 'lib', arch: 'i386', version: '1.1'}]);
  });

  it('reports what it cannot place instead of guessing', () => {
    const w = world([paragraph('app', '2', 'all', 'Depends: nowhere (>= 5)')], [installed('app', '1')]);
    expect(resolveRequires(stanza(w, 'app', '2'), w)).toMatchObject({requires: [], unresolved: ['app 2: nowhere (>= 5)']});
  });

  it("resolves a foreign-architecture package's dependencies in its own architecture", () => {
    const w = world(
      [paragraph('tool', '2', 'i386', 'Depends: lib (>= 2)'), paragraph('lib', '2', 'amd64'), paragraph('lib', '2', 'i386')],
      [installed('tool', '1', 'i386'), installed('lib', '1', 'i386')],
      {'lib:i386': '2'},
    );
    const r = resolveRequires(stanza(w, 'tool', '2'), w);
    expect(r.requires).toEqual([{name: 'lib', arch: 'i386', version: '2'}]);
    expect([...r.consulted]).toEqual(['lib:i386']);
  });
});

describe('architecture names', () => {
  it('files Architecture: all under the native architecture, as apt does', () => {
    expect(aptArch('all', 'amd64')).toBe('amd64');
    expect(aptArch('i386', 'amd64')).toBe('i386');
    expect(policyArch('all', 'amd64')).toBeNull();
    expect(policyArch('amd64', 'amd64')).toBeNull();
    expect(policyArch('i386', 'amd64')).toBe('i386');
  });
});
