import {Flags} from '@oclif/core';

import {BaseCommand} from '../cli/base-command.js';
import type {Runtime} from '../cli/runtime.js';
import {pairExclusions, parseInstant, planningFlags} from '../cli/flags.js';
import {parseDuration} from '../cli/duration.js';
import {runApply} from '../cli/run-apply.js';
import {CancelledError, InputError} from '../errors.js';
import {parseExcludeSpec, type ExclusionRequest} from '../plan/exclude.js';
import {writePlanFile} from '../plan/file.js';
import type {Plan} from '../plan/schema.js';
import {liveCollector} from '../services/collect-inventory.js';
import type {ApplyPlanOptions} from '../services/apply-plan.js';
import {makePlan, type MakePlanOptions, type MakePlanResult} from '../services/make-plan.js';
import {createPlanView} from '../views/plan/index.js';
import {stderrLogger} from '../views/progress.js';
import {renderReviewEnd} from '../views/review/end.js';
import type {ReviewOutcome} from '../views/review/index.js';
import {requireReviewTerminal} from '../views/review/terminal.js';

export default class PlanCommand extends BaseCommand {
  static override summary = 'Evaluate a patch baseline against the node and print the plan.';

  static override description =
    'Every package with a newer version gets one decision: install VERSION or skip, with the baseline step and rule that decided it. ' +
    '--out saves the plan file (mode 0600, canonical digest) for `show` and `apply`.';

  static override examples = [
    '<%= config.bin %> plan --inventory fixtures/inventories/debian-12.json --now 2026-11-24T00:00:00Z',
    '<%= config.bin %> plan --inventory inventory.json --baseline baseline.json --out plan.json',
    '<%= config.bin %> plan --inventory inventory.json --json --detailed-exitcode',
  ];

  static override flags = {
    ...planningFlags({prefix: '', defaults: true}),
    inventory: Flags.string({description: 'Plan offline against this inventory file instead of collecting from the node.'}),
    now: Flags.string({description: 'Evaluate as of this instant (ISO 8601, e.g. 2026-11-24T00:00:00Z). Default: now.'}),
    out: Flags.string({description: 'Write the plan file here (atomically, mode 0600).'}),
    pin: Flags.string({
      description: 'A pin file (`fleet pin`): never target a version newer than a pinned package\'s pin; skip it (pinned) when no approved version newer than installed is at or below it.',
    }),
    'detailed-exitcode': Flags.boolean({description: 'Exit 2 when the plan installs at least one package, 0 when it installs none.', default: false}),
    lenient: Flags.boolean({description: 'Evaluate filter keys this OS does not support (NAME, ARCH, …) instead of refusing the baseline (docs/baselines.md, "Filter keys per OS").', default: false}),
    'show-not-applicable': Flags.boolean({description: 'Also list packages that are not installed but have an approved version.', default: false}),
    exclude: Flags.string({
      description: 'Leave this update out of the plan (excluded-by-reviewer): NAME, or NAME=VERSION to exclude only that version. Repeatable; each needs a --note after it.',
      multiple: true,
    }),
    note: Flags.string({description: 'Why the --exclude flags before it are excluded (recorded in the plan with the reviewer).', multiple: true}),
    verbose: Flags.boolean({description: 'List every decision with its full sentence instead of the one-screen review.', default: false}),
    reviewer: Flags.string({description: 'Who excludes (recorded with each exclusion). Default: $USER.', env: 'PATCHPLAN_REVIEWER'}),
    interactive: Flags.boolean({
      description: 'Review the plan in the terminal before saving it: details, filter, exclude with a note (x), undo (u), save (s). Needs a terminal.',
      default: false,
    }),
  };

  async run(): Promise<void> {
    const {flags} = await this.parse(PlanCommand);
    const runtime = this.runtime(flags['no-color']);
    if (flags.interactive) {
      requireReviewTerminal({json: flags.json, stdinIsTTY: runtime.streams.stdinIsTTY, stdoutIsTTY: runtime.streams.stdout.isTTY});
    }
    const options: MakePlanOptions = {
      baselineRef: flags.baseline,
      inventoryFile: flags.inventory,
      refresh: flags.refresh,
      installOverrideListRef: flags['install-override-list'],
      pinFile: flags.pin,
      rebootOption: flags['reboot-option'] ?? 'RebootIfNeeded',
      now: flags.now === undefined ? undefined : parseInstant(flags.now, '--now'),
      // The review saves only when asked (s); quitting writes nothing.
      outFile: flags.interactive ? undefined : flags.out,
      lenient: flags.lenient,
      showNotApplicable: flags['show-not-applicable'],
      detailedExitCode: flags['detailed-exitcode'],
      manager: flags.manager,
      root: flags.root,
      toolVersion: this.config.version,
      exclusions: exclusionRequests(this.argv, () => reviewerOf(flags.reviewer, runtime.userName)),
    };
    const collectLive = liveCollector(runtime, stderrLogger(runtime.streams, runtime.env));
    const result = await makePlan(options, {...runtime, collectLive});
    // The human view lists them under Warnings; under --json stdout is the plan alone, so stderr says them.
    if (flags.json) for (const warning of result.inventoryWarnings) runtime.streams.stderr.write(`warning: ${warning}\n`);
    if (flags.interactive) {
      // Under PATCHPLAN_TRUSTED_KEYS only an approved plan file may be applied.
      const canApply = runtime.env.PATCHPLAN_TRUSTED_KEYS === undefined;
      const outcome = await review(result, {reviewer: reviewerName(flags.reviewer, runtime.userName), outFile: flags.out, canApply}, runtime);
      if (outcome.kind === 'apply') return this.applyReviewed(outcome.plan, runtime);
      runtime.streams.stdout.write(renderReviewEnd(outcome));
      return this.exitWith(flags['detailed-exitcode'] && outcome.plan.summary.byAction.install > 0 ? 2 : 0);
    }
    const view = createPlanView(flags.json ? 'json' : 'human', runtime.streams);
    view.plan(result.plan, {verbose: flags.verbose});
    if (flags.out !== undefined) view.saved(flags.out);
    this.exitWith(result.exitCode);
  }

  /**
   * `a` in the review: apply's own confirmation (the plan, then `yes`, or the host name for a
   * kernel that will reboot), then apply with apply's defaults; the node is checked against
   * the plan exactly as for a plan file (machine, staleness, age).
   */
  private async applyReviewed(plan: Plan, runtime: Runtime): Promise<void> {
    createPlanView('human', runtime.streams).plan(plan);
    // ink and react load only when a terminal prompt is drawn: a --json or saved plan never pays for them.
    const {confirmApply} = await import('../views/prompt/index.js');
    if (!(await confirmApply(plan, {stdin: runtime.terminal.stdin, output: runtime.terminal.stderr, color: runtime.streams.stderrColor}))) {
      throw new CancelledError('apply', 'cancelled; nothing was installed');
    }
    const options: ApplyPlanOptions = {
      reviewedPlan: plan,
      maxAgeMs: parseDuration('7d', '--max-age'),
      lockTimeoutMs: parseDuration('60s', '--lock-timeout'),
      toolVersion: this.config.version,
      // The service refuses an in-memory plan under trusted keys, whatever the review offered.
      trustedKeys: runtime.env.PATCHPLAN_TRUSTED_KEYS,
    };
    await runApply(options, runtime, {json: false, setExitCode: (code) => this.exitWith(code)});
  }
}

/** `--interactive`: the review on this terminal; it saves (0600, atomically) only when asked. */
async function review(result: MakePlanResult, flags: {reviewer: string; outFile: string | undefined; canApply: boolean}, runtime: Runtime): Promise<ReviewOutcome> {
  const {runReview} = await import('../views/review/index.js');
  const context = {
    enginePlan: result.enginePlan,
    requiresOf: result.requiresOf,
    reviewer: flags.reviewer === '' ? null : flags.reviewer,
    outFile: flags.outFile ?? null,
    // Under trusted keys only an approved plan file may be applied: `a` says how to get one.
    canApply: flags.canApply,
  };
  const save = (file: string, plan: Plan): Promise<void> => writePlanFile(file, plan, runtime.fs);
  return runReview({plan: result.plan, context, color: runtime.streams.color, save}, runtime.terminal);
}

/** The reviewer is asked for only when there is something to exclude. */
function exclusionRequests(argv: readonly string[], reviewer: () => string): ExclusionRequest[] {
  const pairs = pairExclusions(argv);
  if (pairs.length === 0) return [];
  const name = reviewer();
  return pairs.map(({exclude, note}) => ({...parseExcludeSpec(exclude), note, reviewer: name}));
}

/** `--reviewer`, else the user running patchplan; an exclusion without a name is not accountable. */
function reviewerOf(flag: string | undefined, userName: () => string): string {
  const name = reviewerName(flag, userName);
  if (name === '') throw new InputError('--reviewer', 'cannot tell who is reviewing ($USER is not set): pass --reviewer NAME');
  return name;
}

/** `--reviewer`, else the user running patchplan; empty when neither names anyone. */
function reviewerName(flag: string | undefined, userName: () => string): string {
  return (flag ?? userName()).trim();
}
