import type {FamilyRules} from './families/family.js';
import type {OfferedVersion, PackageView} from './linux-types.js';
import type {EvaluateOptions} from './engine-io.js';
import type {InstallOverrideList} from '../baseline/model.js';

/**
 * InstallOverrideList (spec §6.3, DECISION-21): Install only. An entry matches a version when
 * its `id` matches one of the version's rendered forms and, if it has a `title`, the title
 * matches one too (not necessarily the same form). The highest newer version some entry
 * matches is installed; no security test, no dates, RejectedPatches ignored (except yum).
 */

export type OverrideEntry = InstallOverrideList['patches'][number];

/** The InstallOverrideList that applies: only an Install honours it (spec §6.1 step 0a). */
export function effectiveOverrideList(options: EvaluateOptions): InstallOverrideList | undefined {
  return options.operation === 'Install' ? options.installOverrideList : undefined;
}

/** `reason.rule` for an entry: the list's source and the entry's index. */
export function overrideEntryPath(list: InstallOverrideList, index: number): string {
  return `${list.source}: patches[${index}]`;
}

export function overrideEntryMatches(
  entry: OverrideEntry,
  pkg: PackageView,
  version: string,
  rules: FamilyRules,
): boolean {
  if (!rules.matchOverride(entry.id, pkg.name, pkg.arch, version)) return false;
  return entry.title === undefined || rules.matchOverride(entry.title, pkg.name, pkg.arch, version);
}

/** The first entry (in list order) that matches the version. */
export function firstOverrideEntry(
  list: InstallOverrideList,
  pkg: PackageView,
  version: string,
  rules: FamilyRules,
): number | null {
  const index = list.patches.findIndex((entry) => overrideEntryMatches(entry, pkg, version, rules));
  return index >= 0 ? index : null;
}

export interface OverrideSelection {
  /** Newer versions some entry matches, highest first, each with its first matching entry. */
  readonly selected: readonly {readonly version: OfferedVersion; readonly index: number}[];
}

/** Step 0a: every newer selectable version matched by the list, highest first. */
export function selectOverrideVersions(
  list: InstallOverrideList,
  pkg: PackageView,
  newer: readonly OfferedVersion[],
  rules: FamilyRules,
): OverrideSelection {
  const selected: {version: OfferedVersion; index: number}[] = [];
  for (const version of newer) {
    const index = firstOverrideEntry(list, pkg, version.version, rules);
    if (index !== null) selected.push({version, index});
  }
  return {selected};
}

/** The entry naming a package that has nothing newer (for `up-to-date`), if any. */
export function overrideEntryNaming(
  list: InstallOverrideList,
  pkg: PackageView,
  rules: FamilyRules,
): number | null {
  const versions = [...(pkg.installedVersion === null ? [] : [pkg.installedVersion]), ...pkg.versions.map((v) => v.version)];
  const index = list.patches.findIndex((entry) => versions.some((v) => overrideEntryMatches(entry, pkg, v, rules)));
  return index >= 0 ? index : null;
}
