import type {Baseline} from '../baseline/model.js';
import type {Inventory} from '../inventory/schema.js';
import {compareVersions, versionSchemeFor} from '../versions/index.js';
import {baselineWarnings} from './baseline-warnings.js';
import {summarizeCompliance} from './compliance.js';
import {sortDecisions, WarningList} from './decision-helpers.js';
import type {EvaluateOptions, Evaluation} from './engine-io.js';
import {familyRulesFor} from './families/index.js';
import type {EngineContext, LinuxFamily} from './linux-types.js';
import {buildPackageViews} from './package-views.js';
import {looksVersionOnly} from './patch-lists.js';
import {assess} from './steps/assess.js';
import {decide} from './steps/decide.js';
import {addDependencies} from './steps/dependencies.js';
import {applyLivePatching} from './steps/live-patching.js';
import {addNotApplicable, reportedStates} from './steps/not-applicable.js';
import {createRun, type LinuxRun} from './steps/run.js';

/**
 * The Linux engine (spec §6.1): the family's rules and the node's packages make a run
 * (steps/run.ts); its table of packages goes through the steps in order, each returning new
 * data — assess (steps 0–6 and the §6.4 state) → live patching (§6.7) → decide (§6.6, §6.3)
 * → dependencies (step 7) → not-applicable (§6.4, DECISION-22). docs/engine.md has the table.
 */
export function evaluateLinux(inventory: Inventory, baseline: Baseline, options: EvaluateOptions, family: LinuxFamily): Evaluation {
  const {run, warnings} = startRun(inventory, baseline, options, family);
  const table = decide(run, applyLivePatching(run, assess(run)));
  for (const row of table) if (row.kind === 'installed') for (const w of row.warnings) warnings.add(w);
  const decisions = addNotApplicable(run, table, addDependencies(run, table));
  for (const w of versionOnlyWarnings(run)) warnings.add(w);

  return {
    decisions: sortDecisions(decisions.values()),
    compliance: summarizeCompliance(reportedStates(run, table), baseline),
    warnings: warnings.list,
  };
}

/** The run every step reads, and the warnings about the baseline and the inventory so far. */
export function startRun(
  inventory: Inventory,
  baseline: Baseline,
  options: EvaluateOptions,
  family: LinuxFamily,
): {readonly run: LinuxRun; readonly warnings: WarningList} {
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
  for (const w of baselineWarnings(baseline, rules, ctx.lenient, options.baselineChecked ?? false)) warnings.add(w);
  const packages = buildPackageViews(inventory, compare, (m) => warnings.add(m));
  return {run: createRun({inventory, baseline, options, rules, ctx, packages}), warnings};
}

/** Version-only matches found while evaluating, for ApprovedPatches entries the static check missed. */
export function versionOnlyWarnings(run: LinuxRun): string[] {
  const warnings: string[] = [];
  for (const [pkg, verdicts] of run.askedVerdicts()) {
    for (const verdict of verdicts) {
      for (const approval of verdict.explicitApprovals) {
        if (approval.via !== 'spec' || looksVersionOnly(approval.entry.value)) continue;
        if (run.rules.matchesByVersionOnly(approval.entry.value, pkg.name, pkg.arch, verdict.version.version)) {
          warnings.push(
            `${approval.entry.path}: "${approval.entry.value}" approves ${pkg.name}.${pkg.arch} ${verdict.version.version} by its version alone; such specs match every package with that version`,
          );
        }
      }
    }
  }
  return warnings;
}
