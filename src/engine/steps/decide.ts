import type {PatchListEntry} from '../../baseline/model.js';
import {skipDecision} from '../decision-helpers.js';
import {chooseInstallable, dependencyLabel, type InstallChoice} from '../dependency-resolution.js';
import type {InstallOverrideList} from '../../baseline/model.js';
import {bareInstalled, installedOffered} from '../families/family.js';
import type {OfferedVersion, PackageView, VersionVerdict} from '../linux-types.js';
import {firstOverrideEntry, overrideEntryNaming, overrideEntryPath, selectOverrideVersions} from '../override-list.js';
import {firstMatchingEntry} from '../patch-lists.js';
import {
  blockedDependencyReason,
  installOverrideReason,
  notInOverrideListReason,
  pinnedReason,
  python3AptReason,
  sentence,
  upToDateReason,
} from '../reasons.js';
import {chooseSkipReason} from '../skip-reasons.js';
import {approvalReason, installNotes, installTarget, NO_DECISION, skipWith, subjectOf, type Decided} from './decision-parts.js';
import type {DecidedRow, DecidedTable, InstalledRow, LinuxRun, Row} from './run.js';

/**
 * Step "decide": one decision per installed package (spec §6.6), from its assessment —
 * with the baseline (§6.1 steps 6–7: the target, or the first skip reason of §6.6), or with
 * an InstallOverrideList (§6.3, §6.1 step 0a), after apt's python3-apt pre-step (step 0).
 * Each row also carries the install it plans, which the dependencies step reads.
 */
export function decide(run: LinuxRun, rows: readonly Row[]): DecidedTable {
  return rows.map((row) => (row.kind === 'installed' ? decideRow(run, row) : row));
}

export function decideRow(run: LinuxRun, row: InstalledRow): DecidedRow {
  if (!row.decides) return {...row, ...NO_DECISION};
  const decided = run.overrideList ? decideWithOverrideList(run, row, run.overrideList) : decideWithBaseline(run, row);
  const {decision} = decided;
  if (decision === null || row.note === null) return {...row, ...decided};
  const reason = {...decision.reason, detail: sentence(decision.reason.detail, [row.note])};
  return {...row, ...decided, decision: {...decision, reason}};
}

export function decideWithBaseline(run: LinuxRun, row: InstalledRow): Decided {
  const {prerequisite, newer, view} = row.assessment;
  const {choice, pin} = pinnedChoice(run, row);
  const {compare} = run.ctx;
  if (prerequisite !== null && choice.target === null) return prerequisiteDecision(run, row, prerequisite);
  if (choice.target !== null) {
    const {notes, warnings} = installNotes(run, row, {
      target: choice.target,
      blocked: choice.blocked,
      dependencyTest: run.baselineRejected,
      dependencyMode: run.basePolicy,
      eligible: (v) => v.approved && (pin === null || compare(v.version.version, pin) <= 0),
      describeHigher: pin === null,
    });
    if (pin !== null) notes.unshift(pinNote(run, row, pin));
    if (prerequisite !== null) notes.unshift(`the pre-step first upgrades python3-apt to ${prerequisite.version}`);
    if (choice.fallbacks.length > 0) {
      notes.push(`the latest of ${choice.fallbacks.length + 1} approved newer versions (fallbacks: ${choice.fallbacks.map((v) => v.version.version).join(', ')})`);
    }
    if (choice.blocked.length > 0 && choice.blocked.every((b) => b.verdict !== choice.target)) {
      notes.push('higher approved versions need a package rejected under BLOCK');
    }
    const target = choice.target;
    const decided = installTarget(run, row, {target, fallbacks: choice.fallbacks, blocked: choice.blocked}, approvalReason(run, target, notes), target.level);
    return {...markAbovePin(run, decided, pin), warnings};
  }
  if (pin !== null) {
    const reason = pinnedReason({pin, installed: view.installedVersion ?? '', candidate: newer[0]?.version.version ?? ''});
    return markAbovePin(run, skipWith(run, row, reason, choice.blocked), pin);
  }
  if (newer.length > 0) {
    return skipWith(run, row, chooseSkipReason({newer, blocked: choice.blocked, rules: run.rules, ctx: run.ctx}), choice.blocked);
  }
  return upToDateDecision(run, row, approvedEntryNaming(run, view));
}

export function decideWithOverrideList(run: LinuxRun, row: InstalledRow, list: InstallOverrideList): Decided {
  const {rules} = run;
  const {prerequisite, newer, view} = row.assessment;
  if (prerequisite !== null) return prerequisiteDecision(run, row, prerequisite);
  if (newer.length === 0) {
    const index = overrideEntryNaming(list, view, rules);
    return index === null
      ? NO_DECISION
      : upToDateDecision(run, row, {path: overrideEntryPath(list, index), value: list.patches[index]?.id ?? ''});
  }
  // yum's exclude list hides rejected versions from the override list too (§6.1 step 2).
  const selectable = newer.filter((v) => !rules.excludesRejected || v.rejectedBy === null);
  const selection = selectOverrideVersions(list, view, selectable.map((v) => v.version), rules);
  const selected = selection.selected.map((s) => ({verdict: run.verdictOf(view, s.version), index: s.index}));
  const test = run.overrideRejected ?? run.baselineRejected;
  const choice = chooseInstallable(selected.map((s) => s.verdict), run.overridePolicy, (v) => run.depsOf(view, v), test);
  if (choice.target !== null) {
    const target = choice.target;
    const index = selected.find((s) => s.verdict === target)?.index ?? 0;
    const entry = list.patches[index];
    const listed = (v: VersionVerdict): boolean =>
      (!rules.excludesRejected || v.rejectedBy === null) && firstOverrideEntry(list, view, v.version.version, rules) !== null;
    const {notes, warnings} = installNotes(run, row, {
      target,
      blocked: choice.blocked,
      dependencyTest: test,
      dependencyMode: run.overridePolicy,
      eligible: listed,
      describeHigher: false,
    });
    const reason = installOverrideReason({
      rule: overrideEntryPath(list, index),
      id: entry?.id ?? '',
      title: entry?.title,
      version: target.version.version,
      notes,
    });
    // Installed only because of the list, a version the baseline does not approve has no level.
    const level = target.approved ? target.level : 'UNSPECIFIED';
    return {...installTarget(run, row, {target, fallbacks: choice.fallbacks, blocked: choice.blocked}, reason, level), warnings};
  }
  const blocked = choice.blocked[0];
  if (blocked !== undefined) {
    const reason = blockedDependencyReason({
      entry: blocked.entry,
      version: blocked.verdict.version.version,
      dependency: dependencyLabel(blocked.dep),
    });
    return skipWith(run, row, reason, choice.blocked);
  }
  const candidate = newer[0]?.version.version ?? '';
  return skipWith(run, row, notInOverrideListReason({installed: view.installedVersion ?? '', candidate}));
}

/**
 * `--pin`: the baseline's choice, or, when its target is newer than the package's pin, the
 * choice among the approved versions at or below the pin (and newer than installed, as every
 * version in `newer` is). `pin` is set only when the pin changed the choice.
 */
function pinnedChoice(run: LinuxRun, row: InstalledRow): {choice: InstallChoice; pin: string | null} {
  const {choice, newer, view} = row.assessment;
  const pin = run.pinOf(row.pkg);
  const {compare} = run.ctx;
  if (pin === null || choice.target === null || compare(choice.target.version.version, pin) <= 0) return {choice, pin: null};
  const allowed = newer.filter((v) => v.approved && compare(v.version.version, pin) <= 0);
  return {choice: chooseInstallable(allowed, run.basePolicy, (v) => run.depsOf(view, v), run.baselineRejected), pin};
}

/** The considered versions above the pin say so, instead of `is approved too`. */
function markAbovePin(run: LinuxRun, decided: Decided, pin: string | null): Decided {
  const {decision} = decided;
  if (pin === null || decision?.considered === undefined) return decided;
  const considered = decision.considered.map((c) =>
    !c.chosen && c.approved && run.ctx.compare(c.version, pin) > 0 ? {...c, note: `is newer than the pin ${pin} (--pin)`} : c,
  );
  return {...decided, decision: {...decision, considered}};
}

/** `held at or below the pin 3.0.17 (--pin); newer approved 3.0.18 is not targeted`. */
function pinNote(run: LinuxRun, row: InstalledRow, pin: string): string {
  const above = row.assessment.newer.filter((v) => v.approved && run.ctx.compare(v.version.version, pin) > 0).map((v) => v.version.version);
  return `held at or below the pin ${pin} (--pin); newer approved ${above.join(', ')} ${above.length === 1 ? 'is' : 'are'} not targeted`;
}

/** §6.1 step 0: apt upgrades python3-apt first, with or without a list. */
function prerequisiteDecision(run: LinuxRun, row: InstalledRow, target: OfferedVersion): Decided {
  const decision = {
    ...subjectOf(run, row),
    action: 'install' as const,
    targetVersion: target.version,
    reason: python3AptReason({version: target.version, installed: row.pkg.installedVersion}),
    advisories: target.advisoryIds,
    fallbackVersions: [],
  };
  return {decision, install: {pkg: row.assessment.view, version: target}, warnings: []};
}

/** The ApprovedPatches entry that names the installed version (or one above it), if any. */
function approvedEntryNaming(run: LinuxRun, view: PackageView): PatchListEntry | null {
  const installed = view.installedVersion;
  if (installed === null) return null;
  const {rules, ctx} = run;
  const versions = [installedOffered(view, ctx) ?? bareInstalled(installed), ...view.versions];
  return firstMatchingEntry(ctx.baseline.approvedPatches, (value) =>
    versions.some((v) => {
      const match = rules.matchApproved(value, view, v, rules.records(view, v));
      return match.spec || match.idRecords.length > 0;
    }),
  );
}

/** Nothing newer: a decision only when an entry names the package (§6.6 "One decision per package"). */
function upToDateDecision(run: LinuxRun, row: InstalledRow, entry: PatchListEntry | null): Decided {
  if (entry === null) return NO_DECISION;
  const installed = row.assessment.view.installedVersion ?? '';
  const reason = upToDateReason({rule: entry.path, named: `${entry.path} "${entry.value}"`, installed});
  return {decision: skipDecision(subjectOf(run, row), reason, []), install: null, warnings: []};
}
