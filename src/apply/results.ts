import type {ManagerId} from '../core/ids.js';
import type {RebootOption} from '../engine/engine-io.js';

/**
 * What `apply --json` prints (cli-contract.md "Apply results"). The field set is the
 * contract's; `reboot.reason` is the one extension (docs/apply.md).
 */

/**
 * - `installed`: this run moved the package to its planned version (read back from the
 *   package database, not taken from the installer's exit code);
 * - `already-installed`: it was at its planned version before this run (an earlier,
 *   interrupted run or someone else installed it), so it was not passed to the installer;
 * - `failed`: a planned install that is not at its planned version afterwards (exit 4);
 * - `skipped`: a decision with action `skip`; apply never touches it;
 * - `interrupted` (extension, docs/reliability.md): not at its planned version because the run
 *   was stopped (Ctrl+C, SIGTERM) before the installer finished it; applying the plan again
 *   installs it.
 */
export type PackageStatus = 'installed' | 'already-installed' | 'failed' | 'skipped' | 'interrupted';

export interface PackageResult {
  readonly name: string;
  readonly arch: string;
  /** The installed version the plan was made for (null: not installed then). */
  readonly from: string | null;
  /** The planned version; null for a skipped decision, which has no target. */
  readonly to: string | null;
  readonly status: PackageStatus;
  /** One sentence: why it failed (from the installer's output), why it was skipped; null when there is nothing to add. */
  readonly message: string | null;
}

/**
 * Why patchplan did or did not reboot. Codes, not sentences: the views own the wording.
 * - `no-reboot-option`: the plan says NoReboot;
 * - `installed-this-run`: RebootIfNeeded and this run changed at least one package;
 * - `pending-from-earlier-install`: RebootIfNeeded, nothing changed now, but the node is still
 *   waiting for a reboot after an earlier install (AWS reboots for its NoReboot installs too);
 * - `nothing-installed`: RebootIfNeeded with neither of the above;
 * - `required-by-os` / `not-required-by-os`: RebootIfRequired, as the OS answered;
 * - `alternate-root`: the policy would reboot, but apply ran on `--root DIR`, an image or
 *   chroot: rebooting would restart the host, not the root that was patched;
 * - `no-reboot-command`: the policy would reboot, but no reboot command exists on this node;
 * - `reboot-check-failed`: RebootIfRequired, but asking the OS failed, so no reboot;
 * - `interrupted`: the run was stopped by a signal; an interrupted apply never reboots.
 */
export type RebootReason =
  | 'no-reboot-option'
  | 'installed-this-run'
  | 'pending-from-earlier-install'
  | 'nothing-installed'
  | 'required-by-os'
  | 'not-required-by-os'
  | 'alternate-root'
  | 'no-reboot-command'
  | 'reboot-check-failed'
  | 'interrupted';

export interface RebootReport {
  readonly option: RebootOption;
  /** The OS says a reboot is required after this run (apt: /var/run/reboot-required under the root). */
  readonly required: boolean;
  /** patchplan starts the reboot right after printing these results. */
  readonly performed: boolean;
  /** Extension: why (docs/apply.md). */
  readonly reason: RebootReason;
}

export interface ApplyResult {
  /** The digest of the plan that was applied. */
  readonly plan: string;
  /** Extension: the package manager that applied it (the plan's `node.manager`), for `fleet pin`. */
  readonly manager: ManagerId;
  readonly startedAt: string;
  readonly finishedAt: string;
  /** One per plan decision, in the plan's order. */
  readonly results: readonly PackageResult[];
  readonly reboot: RebootReport;
  /** Extension: repair commands this run ran first, for what an interrupted run left (empty: none). */
  readonly repaired: readonly string[];
  /** Extension: the signal that stopped this run; `aborted` after a second one (results not read back). */
  readonly interrupted: {readonly signal: 'SIGINT' | 'SIGTERM'; readonly aborted: boolean} | null;
  /** Extension: one command that recovers from what this run left, when it left something to recover. */
  readonly recovery: string | null;
}

/** Exit 4 when any planned install is not at its planned version (contract "Exit codes"). */
export function applyExitCode(results: readonly PackageResult[]): 0 | 4 {
  return results.some((r) => r.status === 'failed') ? 4 : 0;
}
