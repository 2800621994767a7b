import type {z} from 'zod';

import {compareEvr} from '../../versions/rpm.js';
import type {AdvisorySchema, AvailableVersion, PackageSchema} from '../../inventory/schema.js';
import type {InstalledRpm, UpdateNotice} from '../rpm-common/index.js';
import {resolveRequires, type Offer} from './requires.js';

type AdvisoryInput = z.input<typeof AdvisorySchema>;
type PackageInput = z.input<typeof PackageSchema>;

/** One offered version, from repoquery (dnf) or `list available` (yum). */
export interface OfferedRpm {
  readonly name: string;
  readonly arch: string;
  readonly evr: string;
  readonly repository: string;
  readonly buildTime?: string;
  /** undefined when the source cannot tell (yum's list): no `requires` is written then. */
  readonly requires?: readonly string[];
}

/** A notice and the repository whose updateinfo listed it. */
export interface RepoNotice {
  readonly notice: UpdateNotice;
  readonly repository: string;
}

export interface AssembleInput {
  readonly installed: readonly InstalledRpm[];
  readonly offered: readonly OfferedRpm[];
  readonly notices: readonly RepoNotice[];
}

export interface Assembled {
  readonly packages: PackageInput[];
  readonly advisories: AdvisoryInput[];
  /** Requirements no installed or offered package meets (debug log). */
  readonly unresolved: string[];
}

const key = (name: string, arch: string): string => `${name}\u0000${arch}`;
const nevraKey = (name: string, evr: string, arch: string): string => `${name}\u0000${evr}\u0000${arch}`;

/**
 * installed + offered + notices → inventory packages and advisories (pure). Each (name, arch)
 * is one package; its versions are every distinct version the repositories offer (the first
 * repository in the order given wins the `repository` field when two offer the same one), each
 * linked to the notices that list that exact name, epoch, version, release and arch. Notices
 * that appear in two repositories (or two cache directories) are kept once, by id. A version the
 * notices list but no enabled repository offers is not written: nothing could install it.
 * `requires` is the resolved closure (requires.ts) for versions newer than the installed one.
 */
export function assembleInventory(input: AssembleInput): Assembled {
  const advisories = new Map<string, AdvisoryInput>();
  const byNevra = new Map<string, Set<string>>();
  const rebootNevras = new Set<string>();
  for (const {notice, repository} of input.notices) {
    if (!advisories.has(notice.id)) {
      advisories.set(notice.id, {
        id: notice.id,
        type: notice.type,
        ...(notice.severity !== undefined ? {severity: notice.severity} : {}),
        ...(notice.issued !== undefined ? {issued: notice.issued} : {}),
        ...(notice.updated !== undefined ? {updated: notice.updated} : {}),
        ...(notice.title !== undefined ? {title: notice.title} : {}),
        cves: [...notice.cves],
        bugzillas: [...notice.bugzillas],
        selfReferences: [...notice.selfReferences],
        repository,
        rebootSuggested: notice.rebootSuggested,
      });
    }
    for (const p of notice.packages) {
      const k = nevraKey(p.name, p.evr, p.arch);
      const ids = byNevra.get(k) ?? new Set<string>();
      ids.add(notice.id);
      byNevra.set(k, ids);
      if (p.rebootSuggested) rebootNevras.add(k);
    }
  }

  const installedBy = new Map<string, {arch: string; evr: string}[]>();
  for (const i of input.installed) installedBy.set(i.name, [...(installedBy.get(i.name) ?? []), {arch: i.arch, evr: i.evr}]);
  const offersBy = new Map<string, Offer[]>();
  for (const o of input.offered) offersBy.set(o.name, [...(offersBy.get(o.name) ?? []), {name: o.name, arch: o.arch, evr: o.evr, requires: o.requires ?? []}]);

  const packages = new Map<string, {name: string; arch: string; installed: string | null; versions: Map<string, AvailableVersion>}>();
  const entry = (name: string, arch: string): {name: string; arch: string; installed: string | null; versions: Map<string, AvailableVersion>} => {
    const k = key(name, arch);
    let pkg = packages.get(k);
    if (pkg === undefined) {
      pkg = {name, arch, installed: null, versions: new Map()};
      packages.set(k, pkg);
    }
    return pkg;
  };
  for (const i of input.installed) {
    const pkg = entry(i.name, i.arch);
    // Several installed versions of one name.arch are install-only packages (kernel): the newest counts.
    if (pkg.installed === null || compareEvr(i.evr, pkg.installed) > 0) pkg.installed = i.evr;
  }
  const unresolved = new Set<string>();
  const resolveInput = {installed: installedBy, offers: offersBy};
  for (const o of input.offered) {
    const pkg = entry(o.name, o.arch);
    if (pkg.versions.has(o.evr)) continue;
    const k = nevraKey(o.name, o.evr, o.arch);
    const ids = [...(byNevra.get(k) ?? [])].sort();
    const newer = pkg.installed !== null && compareEvr(o.evr, pkg.installed) > 0;
    const version: AvailableVersion = {
      version: o.evr,
      repository: o.repository,
      advisories: ids,
      ...(o.buildTime !== undefined ? {buildTime: o.buildTime} : {}),
      ...(o.requires !== undefined && newer
        ? {requires: resolveRequires({name: o.name, arch: o.arch, evr: o.evr, requires: o.requires}, resolveInput, unresolved)}
        : {}),
      ...(rebootNevras.has(k) ? {rebootSuggested: true} : {}),
    };
    pkg.versions.set(o.evr, version);
  }
  return {
    packages: [...packages.values()].map((p) => ({name: p.name, arch: p.arch, installedVersion: p.installed, versions: [...p.versions.values()]})),
    advisories: [...advisories.values()],
    unresolved: [...unresolved].sort(),
  };
}
