import type {Baseline, ComplianceLevel, PatchListEntry} from '../baseline/model.js';
import type {Inventory} from '../inventory/schema.js';
import {compareVersions, versionSchemeFor} from '../versions/index.js';
import {baselineWarnings} from './baseline-warnings.js';
import {summarizeCompliance, type ReportedState} from './compliance.js';
import {
  baselineRejectionTest,
  chooseInstallable,
  collectDependencyInstalls,
  dependencyLabel,
  indexPackages,
  neededDependencies,
  packageKey,
  type BlockedVersion,
  type InstallChoice,
  type RejectionTest,
  type ResolvedDependency,
} from './dependency-resolution.js';
import {skipDecision, sortDecisions, WarningList, type DecisionSubject} from './decision-helpers.js';
import {bareInstalled, installedOffered} from './families/family.js';
import {entryMatchesAny} from './glob.js';
import {familyRulesFor, linuxFamilyFor} from './families/index.js';
import {checkKernel, isLivepatch, isOtherKernelLivepatch, livePatchSetup} from './livepatch.js';
import {evaluateMacos} from './macos.js';
import type {DependencyPolicy, EngineContext, LinuxFamily, OfferedVersion, PackageView, VersionVerdict} from './linux-types.js';
import {
  effectiveOverrideList,
  firstOverrideEntry,
  overrideEntryMatches,
  overrideEntryNaming,
  overrideEntryPath,
  selectOverrideVersions,
} from './override-list.js';
import {buildPackageViews} from './package-views.js';
import {firstMatchingEntry, looksVersionOnly} from './patch-lists.js';
import {python3AptPrerequisite} from './python3-apt.js';
import {
  approvalRuleReason,
  approvedPatchesReason,
  blockedDependencyReason,
  dependencyReason,
  installOverrideReason,
  notInOverrideListReason,
  python3AptReason,
  sentence,
  upToDateReason,
} from './reasons.js';
import {chooseSkipReason, consideredVersions, describeNotChosen} from './skip-reasons.js';
import {approvedAtOrBelow, installedRejection, scanState, type ScanState} from './states.js';
import {awsOrderNote} from './target.js';
import type {
  Decision,
  EvaluateOptions,
  Evaluation,
  InstallOverrideList,
  Reason,
} from './engine-io.js';
import {evaluateVersion} from './verdict.js';
import {evaluateWindows} from './windows.js';

/**
 * The decision engine (spec §6): one pure function from (inventory, baseline, options incl.
 * `now`) to decisions, compliance and warnings. Windows and macOS have their own engines;
 * every Linux family runs the steps of §6.1 in order, with the family differences behind
 * FamilyRules.
 */
export function evaluateBaseline(inventory: Inventory, baseline: Baseline, options: EvaluateOptions): Evaluation {
  if (baseline.operatingSystem === 'WINDOWS') return evaluateWindows(inventory, baseline, options);
  if (baseline.operatingSystem === 'MACOS') return evaluateMacos(inventory, baseline, options);
  const family = linuxFamilyFor(baseline.operatingSystem, inventory.node.manager);
  if (family === null) throw new Error(`no Linux family for ${baseline.operatingSystem}`);
  return evaluateLinux(inventory, baseline, options, family);
}

/** Everything steps 1–6 found for one installed package, before decisions are written. */
interface Assessment {
  /** The package as inventoried. */
  readonly pkg: PackageView;
  /** The package as the baseline sees it: python3-apt after the pre-step. */
  readonly view: PackageView;
  readonly prerequisite: OfferedVersion | null;
  /** Versions newer than the (effective) installed one, highest first. */
  readonly newer: readonly VersionVerdict[];
  /** The decision's choice under the family's dependency policy (baseline mode). */
  readonly choice: InstallChoice;
  /** The version a Scan reports MISSING (null when not MISSING). */
  readonly scanTarget: VersionVerdict | null;
  readonly state: ScanState;
}

function evaluateLinux(inventory: Inventory, baseline: Baseline, options: EvaluateOptions, family: LinuxFamily): Evaluation {
  const rules = familyRulesFor(family);
  // LinuxFamily values are ManagerIds: dpkg order on apt, full EVR on the rpm families.
  const scheme = versionSchemeFor(family);
  const compare = (a: string, b: string): number => compareVersions(scheme, a, b);
  const ctx: EngineContext = {
    family,
    baseline,
    node: inventory.node,
    now: options.now.getTime(),
    lenient: options.lenient ?? false,
    compare,
  };
  const warnings = new WarningList();
  const staticWarnings = baselineWarnings(baseline, rules, ctx.lenient, options.baselineChecked ?? false);
  for (const w of staticWarnings) warnings.add(w);

  const packages = buildPackageViews(inventory, compare, (m) => warnings.add(m));
  const index = indexPackages(packages);
  const overrideList = effectiveOverrideList(options);

  // Verdicts are pure per (package, version); cache them because several steps ask again.
  const cache = new Map<PackageView, Map<string, VersionVerdict>>();
  const verdictOf = (pkg: PackageView, version: OfferedVersion): VersionVerdict => {
    let perPackage = cache.get(pkg);
    if (perPackage === undefined) {
      perPackage = new Map();
      cache.set(pkg, perPackage);
    }
    let verdict = perPackage.get(version.version);
    if (verdict === undefined) {
      verdict = evaluateVersion(pkg, version, rules, ctx);
      perPackage.set(version.version, verdict);
    }
    return verdict;
  };
  const depsOf = (pkg: PackageView, v: OfferedVersion): ResolvedDependency[] => neededDependencies(pkg, v, index, ctx);

  // zypper locks every INSTALLED_REJECTED package before installing (§6.1 step 7).
  const lockCache = new Map<PackageView, PatchListEntry | null>();
  const lockedInstalled = (pkg: PackageView): PatchListEntry | null => {
    if (!lockCache.has(pkg)) {
      const newerApproved = newerVerdicts(pkg, verdictOf, ctx).some((v) => v.approved);
      const locked =
        newerApproved || approvedAtOrBelow(pkg, rules, ctx) !== null ? null : installedRejection(pkg, rules, ctx);
      lockCache.set(pkg, locked);
    }
    return lockCache.get(pkg) ?? null;
  };
  const baselineRejected = baselineRejectionTest(rules, ctx, lockedInstalled);
  const basePolicy = rules.dependencyPolicy(baseline.rejectedPatchesAction, false);
  const overridePolicy = rules.dependencyPolicy(baseline.rejectedPatchesAction, overrideList !== undefined);

  const assessments = new Map<PackageView, Assessment>();
  const assess = (pkg: PackageView): Assessment | null => {
    const known = assessments.get(pkg);
    if (known !== undefined) return known;
    const prerequisite = python3AptPrerequisite(pkg, ctx);
    const view: PackageView =
      prerequisite === null ? pkg : {...pkg, installedVersion: prerequisite.version};
    if (view.installedVersion === null) return null;
    const newer = newerVerdicts(view, verdictOf, ctx);
    const approved = newer.filter((v) => v.approved);
    const choice = chooseInstallable(approved, basePolicy, (v) => depsOf(view, v), baselineRejected);
    // Only a family whose Scan checks dependencies (dnf, §6.1 step 7) reports the drop.
    const scanTarget = rules.scanChecksDependencies ? choice.target : approved[0] ?? null;
    const state = scanState({
      pkg: view,
      scanTarget,
      installedApproval: scanTarget === null ? approvedAtOrBelow(view, rules, ctx) : null,
      rejectedBy: scanTarget === null ? installedRejection(view, rules, ctx) : null,
    });
    const assessment: Assessment = {pkg, view, prerequisite, newer, choice, scanTarget, state};
    assessments.set(pkg, assessment);
    return assessment;
  };

  const decisions = new Map<string, Decision>();
  const installs: {pkg: PackageView; version: OfferedVersion}[] = [];
  const items: ReportedState[] = [];
  const notApplicable: {pkg: PackageView; approved: VersionVerdict[]}[] = [];

  // §6.7 kernel live patching (AL2): adjusts states after §6.4 classified them.
  const livePatching = livePatchSetup({
    operatingSystem: baseline.operatingSystem,
    node: inventory.node,
    operation: options.operation,
    rebootOption: options.rebootOption ?? 'RebootIfNeeded',
    now: ctx.now,
    compare,
  });
  const kernelNotes = new Map<PackageView, string>();
  if (livePatching !== null) {
    for (const pkg of packages) {
      if (!livePatching.cleansReport || !isLivepatch(pkg.name)) continue;
      // Livepatches never become INSTALLED_PENDING_REBOOT (their pending records are removed).
      const a = assess(pkg);
      if (a !== null && a.state.state === 'INSTALLED_PENDING_REBOOT') {
        assessments.set(pkg, {...a, state: {...a.state, state: a.state.settled ?? a.state.state}});
      }
    }
    const kernel = packages.find((p) => p.name === 'kernel' && p.arch === 'x86_64');
    const ka = kernel === undefined ? null : assess(kernel);
    if (kernel !== undefined && ka !== null) {
      const livepatch = packages.find((p) => p.name === livePatching.livepatchName && p.arch === 'x86_64') ?? null;
      const la = livepatch === null ? null : assess(livepatch);
      const outcome = checkKernel({
        setup: livePatching,
        kernel: ka.view,
        kernelState: ka.state,
        kernelCandidate: ka.scanTarget?.version.version ?? ka.view.installedVersion ?? '',
        livepatch: la === null ? null : la.view,
        livepatchState: la === null ? null : la.state,
        compare,
      });
      if (outcome !== null) {
        assessments.set(kernel, {...ka, state: outcome.state});
        kernelNotes.set(kernel, outcome.note);
      }
    }
  }

  for (const pkg of packages) {
    if (livePatching !== null && isOtherKernelLivepatch(livePatching, pkg.name)) {
      // A livepatch for another kernel: out of the report (unless an Install with RebootIfNeeded
      // returned before the clean-up), and no decision when yum is not given it (plugin and
      // service on) or when a Scan no longer reports it. With kpatch.service off yum still
      // installs it, so the decision stays.
      const a = assess(pkg);
      if (!livePatching.cleansReport && a !== null) items.push({state: a.state.state, complianceLevel: a.state.level});
      const keepDecision = !livePatching.filtersInstall && !(options.operation === 'Scan' && livePatching.cleansReport);
      if (!keepDecision || a === null) continue;
      const decision = overrideList ? decideWithOverrideList(a, overrideList) : decideWithBaseline(a);
      if (decision !== null) decisions.set(packageKey(pkg.name, pkg.arch), decision);
      continue;
    }
    const a = assess(pkg);
    if (a === null) {
      const approved = pkg.versions.map((v) => verdictOf(pkg, v)).filter((v) => v.approved);
      if (approved.length > 0) {
        const level = rules.levelsForInstalledOnly ? 'UNSPECIFIED' : approved[0]?.level ?? 'UNSPECIFIED';
        items.push({state: 'NOT_APPLICABLE', complianceLevel: level});
        notApplicable.push({pkg, approved});
      }
      continue;
    }
    items.push({state: a.state.state, complianceLevel: a.state.level});
    const decision = overrideList
      ? decideWithOverrideList(a, overrideList)
      : decideWithBaseline(a);
    if (decision !== null) {
      const note = kernelNotes.get(pkg);
      const withNote = note === undefined ? decision : {...decision, reason: {...decision.reason, detail: sentence(decision.reason.detail, [note])}};
      decisions.set(packageKey(pkg.name, pkg.arch), withNote);
    }
  }

  // Step 7: what the planned installs pull in.
  const overrideRejected = overrideList ? overrideRejectionTest(overrideList) : null;
  const dependencyRejected = overrideRejected ?? baselineRejected;
  const policy = overrideList ? overridePolicy : basePolicy;
  for (const dep of collectDependencyInstalls(installs, depsOf, dependencyRejected, policy, compare)) {
    const key = packageKey(dep.dep.name, dep.dep.arch);
    const existing = decisions.get(key);
    // "Not otherwise installed": a package with its own install decision keeps it.
    if (existing !== undefined && existing.action === 'install') continue;
    decisions.set(key, dependencyDecision(dep.dep, dep.dependent, dep.dependentVersion, dep.rejectedBy));
  }

  if (options.showNotApplicable === true) {
    for (const {pkg, approved} of notApplicable) {
      const key = packageKey(pkg.name, pkg.arch);
      if (decisions.has(key)) continue;
      decisions.set(key, notApplicableDecision(pkg, approved));
    }
  }

  for (const [pkg, perPackage] of [...cache.entries()]) warnVersionOnlyMatches(pkg, [...perPackage.values()]);

  return {decisions: sortDecisions(decisions.values()), compliance: summarizeCompliance(items, baseline), warnings: warnings.list};

  // ------------------------------------------------------------------------------------
  // Decision builders (closures over the evaluation's context).
  // ------------------------------------------------------------------------------------

  function candidateOf(pkg: PackageView): OfferedVersion | null {
    const installed = pkg.installedVersion;
    return pkg.versions.find((v) => installed === null || compare(v.version, installed) > 0) ?? null;
  }

  function baseDecision(a: Assessment): DecisionSubject {
    return {
      name: a.pkg.name,
      arch: a.pkg.arch,
      installedVersion: a.pkg.installedVersion,
      candidateVersion: candidateOf(a.pkg)?.version ?? null,
      complianceLevel: a.state.level,
      state: a.state.state,
    };
  }

  function install(
    a: Assessment,
    choice: {readonly target: VersionVerdict; readonly fallbacks: readonly VersionVerdict[]; readonly blocked: readonly BlockedVersion[]},
    reason: Reason,
    level: ComplianceLevel,
  ): Decision {
    const {target, fallbacks, blocked} = choice;
    installs.push({pkg: a.view, version: target.version});
    return {
      ...baseDecision(a),
      action: 'install',
      targetVersion: target.version.version,
      reason,
      advisories: target.version.advisoryIds,
      complianceLevel: level,
      fallbackVersions: fallbacks.map((v) => v.version.version),
      considered: consideredVersions({newer: a.newer, target, fallbacks, blocked}),
    };
  }

  function skip(a: Assessment, reason: Reason, blocked: readonly BlockedVersion[] = []): Decision {
    const candidate = a.newer[0]?.version ?? null;
    return {
      ...skipDecision(baseDecision(a), reason, candidate?.advisoryIds ?? []),
      considered: consideredVersions({newer: a.newer, target: null, fallbacks: [], blocked}),
    };
  }

  /** Notes every install decision carries: versions above the target, AWS's order, doomed dependencies. */
  function installNotes(
    a: Assessment,
    target: VersionVerdict,
    blocked: readonly BlockedVersion[],
    dependencyTest: RejectionTest,
    dependencyMode: DependencyPolicy,
    eligible: (v: VersionVerdict) => boolean,
    describeHigher: boolean,
  ): string[] {
    const notes: string[] = [];
    const installed = a.view.installedVersion ?? '';
    if (describeHigher) {
      for (const v of a.newer) {
        if (compare(v.version.version, target.version.version) <= 0) break;
        notes.push(`newer ${describeNotChosen(v, blocked)}`);
      }
    }
    // AWS's own order is applied to what AWS could pick from: every eligible version but the installed one.
    const approved = a.view.versions
      .filter((v) => compare(v.version, installed) !== 0)
      .map((v) => verdictOf(a.view, v))
      .filter((v) => eligible(v) && !blocked.some((b) => b.verdict === v))
      .map((v) => v.version.version);
    const aws = awsOrderNote({family, installed, target: target.version.version, approved, compare});
    if (aws !== null) notes.push(aws);
    if (dependencyMode === 'fails') notes.push(...doomedDependencyNotes(a.view, target.version, dependencyTest));
    return notes;
  }

  function doomedDependencyNotes(pkg: PackageView, version: OfferedVersion, test: RejectionTest): string[] {
    const notes: string[] = [];
    for (const dep of depsOf(pkg, version)) {
      const entry = test(dep);
      if (entry === null) continue;
      const failing = rules.describeFailingDependency?.({pkg, version: version.version, dependency: dependencyLabel(dep), entryPath: entry.path});
      if (failing === undefined) continue;
      notes.push(failing.note);
      if (failing.warning !== null) warnings.add(failing.warning);
    }
    return notes;
  }

  function approvalReason(target: VersionVerdict, notes: string[]): Reason {
    const byRule = [...target.ruleApprovals].sort((x, y) => x.rule.index - y.rule.index)[0];
    if (byRule !== undefined) {
      return approvalRuleReason({
        rule: byRule.rule,
        version: target.version.version,
        matched: byRule.matched,
        release: byRule.release,
        now: ctx.now,
        notes,
      });
    }
    const explicit = target.explicitApprovals[0];
    if (explicit === undefined) throw new Error('approvalReason: version is not approved');
    const bypass = target.globalDrop !== null ? ['GlobalFilters do not apply to this explicit approval on this OS'] : [];
    return approvedPatchesReason({
      entry: explicit.entry,
      version: target.version.version,
      via: explicit.via,
      advisoryId: explicit.record.advisory?.id ?? null,
      notes: [...bypass, ...notes],
    });
  }

  function decideWithBaseline(a: Assessment): Decision | null {
    const {choice} = a;
    if (a.prerequisite !== null && choice.target === null) return prerequisiteDecision(a, a.prerequisite);
    if (choice.target !== null) {
      const notes = installNotes(a, choice.target, choice.blocked, baselineRejected, basePolicy, (v) => v.approved, true);
      if (a.prerequisite !== null) notes.unshift(`the pre-step first upgrades python3-apt to ${a.prerequisite.version}`);
      if (choice.fallbacks.length > 0) {
        notes.push(`the latest of ${choice.fallbacks.length + 1} approved newer versions (fallbacks: ${choice.fallbacks.map((v) => v.version.version).join(', ')})`);
      }
      if (choice.blocked.length > 0 && choice.blocked.every((b) => b.verdict !== choice.target)) {
        notes.push('higher approved versions need a package rejected under BLOCK');
      }
      return install(a, {target: choice.target, fallbacks: choice.fallbacks, blocked: choice.blocked}, approvalReason(choice.target, notes), choice.target.level);
    }
    if (a.newer.length > 0) return skip(a, chooseSkipReason({newer: a.newer, blocked: choice.blocked, rules, ctx}), choice.blocked);
    return upToDateDecision(a, approvedEntryNaming(a.view));
  }

  function decideWithOverrideList(a: Assessment, list: InstallOverrideList): Decision | null {
    if (a.prerequisite !== null) return prerequisiteDecision(a, a.prerequisite);
    if (a.newer.length === 0) {
      const index = overrideEntryNaming(list, a.view, rules);
      return index === null ? null : upToDateDecision(a, {path: overrideEntryPath(list, index), value: list.patches[index]?.id ?? ''});
    }
    // yum's exclude list hides rejected versions from the override list too (§6.1 step 2).
    const selectable = a.newer.filter((v) => !rules.excludesRejected || v.rejectedBy === null);
    const selection = selectOverrideVersions(list, a.view, selectable.map((v) => v.version), rules);
    const selected = selection.selected.map((s) => ({verdict: verdictOf(a.view, s.version), index: s.index}));
    const test = overrideRejectionTest(list) ?? baselineRejected;
    const choice = chooseInstallable(selected.map((s) => s.verdict), overridePolicy, (v) => depsOf(a.view, v), test);
    if (choice.target !== null) {
      const target = choice.target;
      const index = selected.find((s) => s.verdict === target)?.index ?? 0;
      const entry = list.patches[index];
      const listed = (v: VersionVerdict): boolean =>
        (!rules.excludesRejected || v.rejectedBy === null) && firstOverrideEntry(list, a.view, v.version.version, rules) !== null;
      const notes = installNotes(a, target, choice.blocked, test, overridePolicy, listed, false);
      const reason = installOverrideReason({
        rule: overrideEntryPath(list, index),
        id: entry?.id ?? '',
        title: entry?.title,
        version: target.version.version,
        notes,
      });
      // Installed only because of the list, a version the baseline does not approve has no level.
      return install(a, {target, fallbacks: choice.fallbacks, blocked: choice.blocked}, reason, target.approved ? target.level : 'UNSPECIFIED');
    }
    const blocked = choice.blocked[0];
    if (blocked !== undefined) {
      return skip(
        a,
        blockedDependencyReason({entry: blocked.entry, version: blocked.verdict.version.version, dependency: dependencyLabel(blocked.dep)}),
        choice.blocked,
      );
    }
    const candidate = a.newer[0]?.version.version ?? '';
    return skip(a, notInOverrideListReason({installed: a.view.installedVersion ?? '', candidate}));
  }

  /**
   * apt under BLOCK with an InstallOverrideList: a dependency is rejected when an entry's `id`
   * names its package but the entry does not match the version to be installed (§6.1 step 7).
   */
  function overrideRejectionTest(list: InstallOverrideList): RejectionTest | null {
    if (!rules.overrideListRejectsDependencies || baseline.rejectedPatchesAction !== 'BLOCK') return null;
    return (dep) => {
      const pkg: PackageView = dep.pkg ?? {name: dep.name, arch: dep.arch, installedVersion: null, pendingReboot: false, versions: []};
      const known = [...(pkg.installedVersion === null ? [] : [pkg.installedVersion]), ...pkg.versions.map((v) => v.version)];
      for (const [index, entry] of list.patches.entries()) {
        // The entry names the package by name, name.arch, or a form of one of its versions.
        const names =
          entryMatchesAny(entry.id, [dep.name, `${dep.name}.${dep.arch}`]) ||
          known.some((v) => overrideEntryMatches(entry, pkg, v, rules));
        if (names && !overrideEntryMatches(entry, pkg, dep.version, rules)) {
          return {path: overrideEntryPath(list, index), value: entry.id};
        }
      }
      return null;
    };
  }

  function prerequisiteDecision(a: Assessment, target: OfferedVersion): Decision {
    installs.push({pkg: a.view, version: target});
    return {
      ...baseDecision(a),
      action: 'install',
      targetVersion: target.version,
      reason: python3AptReason({version: target.version, installed: a.pkg.installedVersion}),
      advisories: target.advisoryIds,
      fallbackVersions: [],
    };
  }

  function approvedEntryNaming(view: PackageView): PatchListEntry | null {
    const installed = view.installedVersion;
    if (installed === null) return null;
    const versions = [installedOffered(view, ctx) ?? bareInstalled(installed), ...view.versions];
    return firstMatchingEntry(baseline.approvedPatches, (value) =>
      versions.some((v) => {
        const match = rules.matchApproved(value, view, v, rules.records(view, v));
        return match.spec || match.idRecords.length > 0;
      }),
    );
  }

  function upToDateDecision(a: Assessment, entry: PatchListEntry | null): Decision | null {
    if (entry === null) return null;
    const reason = upToDateReason({rule: entry.path, named: `${entry.path} "${entry.value}"`, installed: a.view.installedVersion ?? ''});
    return skipDecision(baseDecision(a), reason, []);
  }

  function dependencyDecision(dep: ResolvedDependency, dependent: PackageView, dependentVersion: string, rejectedBy: PatchListEntry | null): Decision {
    const pkg = dep.pkg;
    const a = pkg === null ? null : assess(pkg);
    const offered = pkg?.versions.find((v) => compare(v.version, dep.version) === 0);
    const candidate = pkg === null ? null : candidateOf(pkg);
    const state: ScanState = a?.state ?? {state: 'NOT_APPLICABLE', level: 'UNSPECIFIED'};
    // The family's dependency test can be narrower than RejectedPatches (dnf's full-NEVRA
    // check); say that the version is rejected all the same.
    const listedRejection = firstMatchingEntry(baseline.rejectedPatches, (value) =>
      rules.matchRejected(value, dep.name, dep.arch, dep.version),
    );
    return {
      name: dep.name,
      arch: dep.arch,
      installedVersion: pkg?.installedVersion ?? null,
      candidateVersion: candidate === null || compare(dep.version, candidate.version) > 0 ? dep.version : candidate.version,
      action: 'install',
      targetVersion: dep.version,
      reason: dependencyReason({
        dependent: `${dependent.name}.${dependent.arch}`,
        dependentVersion,
        version: dep.version,
        rejectedBy: listedRejection ?? rejectedBy,
        allowedBecause: allowedBecause(listedRejection ?? rejectedBy),
      }),
      advisories: offered?.advisoryIds ?? [],
      complianceLevel: state.level,
      state: state.state,
      fallbackVersions: [],
    };
  }

  function allowedBecause(entry: PatchListEntry | null): string {
    if (entry === null) return '';
    if (baseline.rejectedPatchesAction === 'ALLOW_AS_DEPENDENCY') return 'RejectedPatchesAction ALLOW_AS_DEPENDENCY lets a dependency through';
    return rules.narrowDependencyCheck ?? 'the family does not check dependencies against RejectedPatches here';
  }

  function notApplicableDecision(pkg: PackageView, approved: readonly VersionVerdict[]): Decision {
    const top = approved[0];
    if (top === undefined) throw new Error('notApplicableDecision: nothing approved');
    const reason = approvalReason(top, ['not installed, and Patch Manager never installs a package that is not installed']);
    const subject: DecisionSubject = {
      name: pkg.name,
      arch: pkg.arch,
      installedVersion: null,
      candidateVersion: pkg.versions[0]?.version ?? null,
      complianceLevel: rules.levelsForInstalledOnly ? 'UNSPECIFIED' : top.level,
      state: 'NOT_APPLICABLE',
    };
    return skipDecision(subject, reason, pkg.versions[0]?.advisoryIds ?? []);
  }

  /** Version-only matches found while evaluating, for entries the static check missed. */
  function warnVersionOnlyMatches(pkg: PackageView, verdicts: readonly VersionVerdict[]): void {
    for (const verdict of verdicts) {
      for (const approval of verdict.explicitApprovals) {
        if (approval.via !== 'spec' || looksVersionOnly(approval.entry.value)) continue;
        if (rules.matchesByVersionOnly(approval.entry.value, pkg.name, pkg.arch, verdict.version.version)) {
          warnings.add(
            `${approval.entry.path}: "${approval.entry.value}" approves ${pkg.name}.${pkg.arch} ${verdict.version.version} by its version alone; such specs match every package with that version`,
          );
        }
      }
    }
  }
}

/** Verdicts of the versions newer than the installed one, highest first (§6.1 step 1). */
function newerVerdicts(
  pkg: PackageView,
  verdictOf: (pkg: PackageView, v: OfferedVersion) => VersionVerdict,
  ctx: EngineContext,
): VersionVerdict[] {
  const installed = pkg.installedVersion;
  if (installed === null) return [];
  return pkg.versions.filter((v) => ctx.compare(v.version, installed) > 0).map((v) => verdictOf(pkg, v));
}

