import type {Baseline, ComplianceLevel, InstallOverrideList} from '../baseline/model.js';
import type {ManagerId} from '../core/ids.js';
import type {Inventory} from '../inventory/schema.js';

/**
 * The engine's public input and output: the options evaluateBaseline takes and the
 * decisions, compliance and warnings it returns. Linux-internal data is in linux-types.ts.
 */

/** The reason codes of cli-contract.md "Decisions" (closed set; views own the wording). */
export type ReasonCode =
  | 'install-override-list'
  | 'not-in-override-list'
  | 'approval-rule'
  | 'approved-patches'
  | 'rejected-patches'
  | 'global-filter'
  | 'not-approved'
  | 'approval-pending'
  | 'not-security-repo'
  | 'approval-cutoff'
  | 'blocked-dependency'
  | 'dependency'
  | 'python3-apt-prerequisite'
  | 'up-to-date'
  | 'excluded-by-reviewer'
  | 'pinned';

export interface Reason {
  readonly code: ReasonCode;
  /** JSON path into the baseline (`ApprovalRules.PatchRules[0]`, `RejectedPatches[1]`), the override entry, or null. */
  readonly rule: string | null;
  /** One human sentence: which filter values matched, release date, age in days. */
  readonly detail: string;
}

export type ComplianceState =
  | 'INSTALLED'
  | 'INSTALLED_OTHER'
  | 'INSTALLED_PENDING_REBOOT'
  | 'INSTALLED_REJECTED'
  | 'MISSING'
  | 'NOT_APPLICABLE'
  | 'FAILED'
  | 'AVAILABLE_SECURITY_UPDATE';

export type Action = 'install' | 'skip';

export interface Decision {
  readonly name: string;
  readonly arch: string;
  readonly installedVersion: string | null;
  /** The highest version newer than installed that the repositories offer (null if none). */
  readonly candidateVersion: string | null;
  readonly action: Action;
  /** The exact version apply installs; null when skipped. */
  readonly targetVersion: string | null;
  readonly reason: Reason;
  /** Advisory ids of the target (install) or of the candidate (skip). */
  readonly advisories: readonly string[];
  readonly complianceLevel: ComplianceLevel;
  /** The AWS compliance state the package would report today (a Scan now). */
  readonly state: ComplianceState;
  /**
   * Other approved versions newer than installed, highest first, after the target: what AWS
   * tries next when the target cannot be installed (spec §6.1 step 6/7). Extension field.
   */
  readonly fallbackVersions: readonly string[];
  /**
   * Every version newer than the installed one that the engine weighed, highest first, with
   * its verdict: what a reviewer expands a package to see. Extension; set by the Linux engine.
   */
  readonly considered?: readonly ConsideredVersion[];
}

export interface ConsideredVersion {
  readonly version: string;
  /** The decision's target. */
  readonly chosen: boolean;
  /** Some rule or list approves it (it may still be rejected, blocked or below the target). */
  readonly approved: boolean;
  /** One clause: why it was or was not chosen (`rejected by RejectedPatches[0]`). */
  readonly note: string;
  /** The release date the approval rules saw, ISO 8601; null when they saw none (apt). */
  readonly released: string | null;
  readonly advisories: readonly string[];
}


export type Operation = 'Scan' | 'Install';
export type RebootOption = 'RebootIfNeeded' | 'NoReboot' | 'RebootIfRequired';

export interface EvaluateOptions {
  /** The evaluation instant. The engine never reads a clock. */
  readonly now: Date;
  /** Install (default for plans) honours the InstallOverrideList; Scan ignores it. */
  readonly operation: Operation;
  readonly installOverrideList?: InstallOverrideList | undefined;
  /** DECISION-8: evaluate NAME/ARCH/… filter keys instead of rejecting the baseline. */
  readonly lenient?: boolean;
  /** DECISION-22: include not-installed packages (NOT_APPLICABLE) among the decisions. */
  readonly showNotApplicable?: boolean;
  /** The run's RebootOption (default RebootIfNeeded); kernel live patching depends on it (spec §6.7). */
  readonly rebootOption?: RebootOption;
  /**
   * The baseline was read by baseline/load.ts, whose warnings about the document itself
   * (ignored dates on apt, id-like RejectedPatches, version-only specs, SUSE patch names, a
   * baseline that approves nothing, a --lenient filter key) are already in the plan: the
   * engine leaves its own wording of the same findings out, so each is printed once.
   */
  readonly baselineChecked?: boolean;
  /**
   * `plan --pin`: the versions an earlier ring validated. A decision for a pinned (manager,
   * name, arch) never targets a version newer than its pin (docs/fleet.md "Rings that do not
   * drift"); absent or empty changes nothing. Applied by the Linux engines with the baseline.
   */
  readonly pins?: readonly VersionPin[] | undefined;
}

/** One pin: the newest version a plan may target for this package on a node of this manager. */
export interface VersionPin {
  readonly manager: ManagerId;
  readonly name: string;
  readonly arch: string;
  readonly version: string;
}

export interface NodeCompliance {
  readonly status: 'COMPLIANT' | 'NON_COMPLIANT';
  /** Most severe level among non-compliant packages, at least INFORMATIONAL; null when compliant. */
  readonly severity: ComplianceLevel | null;
  readonly counts: Readonly<Record<ComplianceState, number>>;
}

export interface Evaluation {
  /** One per package that has a newer version or is named by the baseline/override list; sorted by name, arch. */
  readonly decisions: readonly Decision[];
  readonly compliance: NodeCompliance;
  /** Non-fatal notes (apt ignores ApproveAfterDays, version-only specs, …). */
  readonly warnings: readonly string[];
}

export type EvaluateBaseline = (inventory: Inventory, baseline: Baseline, options: EvaluateOptions) => Evaluation;
