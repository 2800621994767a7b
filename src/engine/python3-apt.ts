import type {EngineContext, OfferedVersion, PackageView} from './linux-types.js';

/**
 * Step 0 on apt (spec §4.4, DECISION-18): `PatchLinux.sh` runs `apt-get install python3-apt -y`
 * before the payload, for every operation and even with an InstallOverrideList. apt installs
 * its own policy candidate, so the baseline has no say in the version.
 */

export const PYTHON3_APT = 'python3-apt';

/** apt's candidate: the version the inventory marks `candidate`, else the highest offered. */
export function python3AptCandidate(pkg: PackageView): OfferedVersion | null {
  return pkg.versions.find((v) => v.candidate) ?? pkg.versions[0] ?? null;
}

/** The version the pre-step moves python3-apt to, or null when it changes nothing. */
export function python3AptPrerequisite(pkg: PackageView, ctx: EngineContext): OfferedVersion | null {
  if (ctx.family !== 'apt' || pkg.name !== PYTHON3_APT) return null;
  const candidate = python3AptCandidate(pkg);
  if (candidate === null) return null;
  if (pkg.installedVersion !== null && ctx.compare(candidate.version, pkg.installedVersion) <= 0) return null;
  return candidate;
}
