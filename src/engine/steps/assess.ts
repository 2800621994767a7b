import {chooseInstallable} from '../dependency-resolution.js';
import type {OfferedVersion, PackageView} from '../linux-types.js';
import {isOtherKernelLivepatch} from '../livepatch.js';
import {python3AptPrerequisite} from '../python3-apt.js';
import {approvedAtOrBelow, installedRejection, scanState} from '../states.js';
import {newerVerdicts, type InstalledRow, type LinuxRun, type NotInstalledRow, type Row} from './run.js';

/**
 * Step "assess": spec §6.1 steps 0–6 and the §6.4 state, one row per package. An installed
 * package gets its candidates (step 1: the versions newer than installed, after apt's
 * python3-apt pre-step, step 0), their verdicts (steps 2–5), the target and fallbacks under
 * the family's dependency policy (steps 6–7 with the baseline) and the state a Scan reports.
 * A package that is not installed gets its approved versions only (it is never a target).
 */
export function assess(run: LinuxRun): Row[] {
  return run.packages.map((pkg) => assessPackage(run, pkg));
}

export function assessPackage(run: LinuxRun, pkg: PackageView): Row {
  // The pre-step installs python3-apt even when it is not installed yet.
  const prerequisite = python3AptPrerequisite(pkg, run.ctx);
  const view: PackageView = prerequisite === null ? pkg : {...pkg, installedVersion: prerequisite.version};
  if (view.installedVersion === null) return assessNotInstalled(run, pkg);
  return assessInstalled(run, pkg, view, prerequisite);
}

function assessInstalled(run: LinuxRun, pkg: PackageView, view: PackageView, prerequisite: OfferedVersion | null): InstalledRow {
  const {rules, ctx} = run;
  const newer = newerVerdicts(view, run.verdictOf, ctx);
  const approved = newer.filter((v) => v.approved);
  const choice = chooseInstallable(approved, run.basePolicy, (v) => run.depsOf(view, v), run.baselineRejected);
  // Only a family whose Scan checks dependencies (dnf, §6.1 step 7) reports the drop.
  const scanTarget = rules.scanChecksDependencies ? choice.target : approved[0] ?? null;
  const state = scanState({
    pkg: view,
    scanTarget,
    installedApproval: scanTarget === null ? approvedAtOrBelow(view, rules, ctx) : null,
    rejectedBy: scanTarget === null ? installedRejection(view, rules, ctx) : null,
  });
  return {
    kind: 'installed',
    pkg,
    assessment: {view, prerequisite, newer, choice, scanTarget, state},
    reported: true,
    decides: true,
    note: null,
  };
}

function assessNotInstalled(run: LinuxRun, pkg: PackageView): NotInstalledRow {
  // §6.7: a livepatch for another kernel is dropped from every state list, so it is not counted.
  if (run.livePatching !== null && isOtherKernelLivepatch(run.livePatching, pkg.name)) {
    return {kind: 'not-installed', pkg, approved: []};
  }
  const approved = pkg.versions.map((v) => run.verdictOf(pkg, v)).filter((v) => v.approved);
  return {kind: 'not-installed', pkg, approved};
}
