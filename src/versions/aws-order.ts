/**
 * AWS Patch Manager's own version orders, reproduced only so the engine can say in a
 * decision's `detail` when AWS would have chosen another target (spec §6.1 step 6,
 * DECISION-26). patchplan never picks a target with these: both are defects.
 */
import {parseEvr, rpmvercmp, type Evr} from './rpm.js';

/**
 * AWS's apt order: the payload sorts version strings as plain strings
 * (`patch_apt/package_version.py` `get_package_versions`), so `1.2-0ubuntu3.9` sorts above
 * `1.2-0ubuntu3.10`. Python compares str by code point; apt versions are ASCII, where that is
 * the same as comparing UTF-16 code units, which is what `<` does here.
 */
export function compareAwsApt(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/**
 * AWS's dnf/zypper order: rpmvercmp on the version, then on the release, with the epoch
 * ignored (`patch_common/rpm_version.py`), so `1:4.9-1.el9` sorts below `0:5.0-1.el9`.
 */
export function compareAwsRpmIgnoringEpoch(a: string | Evr, b: string | Evr): number {
  const ea = typeof a === 'string' ? parseEvr(a) : a;
  const eb = typeof b === 'string' ? parseEvr(b) : b;
  const v = rpmvercmp(ea.version, eb.version);
  if (v !== 0) return v;
  return rpmvercmp(ea.release, eb.release);
}
