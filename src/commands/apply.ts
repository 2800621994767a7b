import {Args, Flags} from '@oclif/core';

import {requireApprovalPossible} from '../apply/confirmation.js';
import {parseDuration} from '../cli/duration.js';
import {parseMinApprovals, trustedKeysSetting} from '../approval/trusted-keys.js';
import {BaseCommand} from '../cli/base-command.js';
import {planningFlags} from '../cli/flags.js';
import {runApply} from '../cli/run-apply.js';
import type {Runtime} from '../cli/runtime.js';
import {InputError} from '../errors.js';
import {writePlanFile} from '../plan/file.js';
import type {Plan} from '../plan/schema.js';
import {checkApprovalRequirement, type ApplyPlanOptions, type PlanReview} from '../services/apply-plan.js';
import {createPlanView} from '../views/plan/index.js';
import type {ApplyReviewOptions} from '../views/review/index.js';

/** Flags that only make sense when apply makes the plan itself. */
const PLANNING_FLAGS = Object.keys(planningFlags({prefix: '', defaults: false})) as (keyof ReturnType<typeof planningFlags>)[];

export default class ApplyCommand extends BaseCommand {
  static override summary = 'Install exactly the versions a plan names, then apply its reboot option.';

  static override description =
    'With PLAN: verifies it (integrity, machine, age, staleness; exit 3 and nothing installed when refused), installs the planned ' +
    'versions in one installer run, reads the installed versions back (exit 4 when one missed its target) and reboots as the plan says. ' +
    'A rerun after an interruption installs only what is missing. Without PLAN: plans now, shows the plan and asks for `yes` ' +
    '(or --auto-approve; required when stdin is not a terminal).';

  static override examples = [
    '<%= config.bin %> apply plan.json',
    '<%= config.bin %> apply plan.json --json --max-age 12h',
    '<%= config.bin %> apply --baseline baseline.json --reboot-option NoReboot',
    '<%= config.bin %> apply --auto-approve --reboot-option RebootIfRequired',
  ];

  static override args = {
    plan: Args.string({description: 'A plan file written by `plan --out` (reviewed, so no prompt). Omit to plan now and confirm.'}),
  };

  static override flags = {
    'auto-approve': Flags.boolean({description: 'Skip the confirmation prompt when apply plans itself (needed when stdin is not a terminal).', default: false}),
    'max-age': Flags.string({description: 'Refuse a plan older than this: 30m, 12h, 7d or ISO 8601 (P7D).', default: '7d', env: 'PATCHPLAN_MAX_AGE'}),
    'lock-timeout': Flags.string({
      description: "How long to wait for another process's package-manager lock before exit 5: 60s, 5m or ISO 8601.",
      default: '60s',
      env: 'PATCHPLAN_LOCK_TIMEOUT',
    }),
    ...planningFlags({prefix: 'Without PLAN:', defaults: false}),
    reviewer: Flags.string({description: 'Without PLAN, on a terminal: who excludes packages in the review (default: $USER).', env: 'PATCHPLAN_REVIEWER'}),
    'trusted-keys': Flags.string({
      description: 'Refuse (exit 3) a PLAN without --min-approvals valid signatures from distinct keys in this file or directory (its *.pem and *.pub files).',
      env: 'PATCHPLAN_TRUSTED_KEYS',
    }),
    'min-approvals': Flags.string({description: 'How many distinct trusted keys must have approved the plan (default 1; needs --trusted-keys).'}),
    'insecure-plan-permissions': Flags.boolean({
      description: 'Apply a PLAN file that someone other than root or you could have written (group/world-writable, owned by another user, or in such a directory).',
      default: false,
    }),
    'no-repair': Flags.boolean({
      description: 'Refuse (with the repair command) instead of repairing what an interrupted install left (dpkg --configure -a, a reinstall of a half-installed package).',
      default: false,
    }),
  };

  async run(): Promise<void> {
    const {args, flags} = await this.parse(ApplyCommand);
    const runtime = this.runtime(flags['no-color']);
    const {streams} = runtime;
    const options: ApplyPlanOptions = {
      planFile: args.plan,
      newPlan:
        args.plan === undefined
          ? {
              baselineRef: flags.baseline,
              installOverrideListRef: flags['install-override-list'],
              rebootOption: flags['reboot-option'] ?? 'RebootIfNeeded',
              refresh: flags.refresh,
            }
          : undefined,
      maxAgeMs: parseDuration(flags['max-age'], '--max-age'),
      lockTimeoutMs: parseDuration(flags['lock-timeout'], '--lock-timeout'),
      root: flags.root,
      manager: flags.manager,
      toolVersion: this.config.version,
      trustedKeys: trustedKeysSetting(flags['trusted-keys'], runtime.env),
      minApprovals: parseMinApprovals(flags['min-approvals']),
      insecurePlanPermissions: flags['insecure-plan-permissions'],
      repair: !flags['no-repair'],
    };
    if (args.plan !== undefined) {
      const given = PLANNING_FLAGS.find((name) => (name === 'refresh' ? flags.refresh : flags[name] !== undefined));
      if (given) throw new InputError(`--${given}`, 'only applies when apply makes the plan itself (no PLAN argument); the plan file already fixes it');
    }
    // A plan that could never be approved is refused before the prompt question comes up.
    checkApprovalRequirement(options);
    // Before anything is read: a pipeline without --auto-approve fails now, not at a prompt nobody sees.
    requireApprovalPossible({planFileGiven: args.plan !== undefined, autoApprove: flags['auto-approve'], stdinIsTTY: streams.stdinIsTTY});

    // On a terminal (and not under --auto-approve or --json) the new plan opens in the review first; `a` leads to the prompt.
    const review = !flags['auto-approve'] && !flags.json && streams.stdinIsTTY && streams.stdout.isTTY;
    const approve = async (made: Plan, context: PlanReview): Promise<boolean | Plan> => {
      // ink and react load only when a terminal is drawn on (never under --json or --auto-approve).
      const plan = review ? await (await import('../views/review/index.js')).reviewBeforeApply(made, reviewOptions(context, flags.reviewer, runtime), runtime.terminal) : made;
      if (plan === null) return false;
      // Under --json stdout is the result alone, so the plan being approved goes to stderr.
      createPlanView('human', flags.json ? {...streams, stdout: streams.stderr, color: false} : streams).plan(plan);
      if (flags['auto-approve']) return plan;
      const {confirmApply} = await import('../views/prompt/index.js');
      return (await confirmApply(plan, {stdin: runtime.terminal.stdin, output: runtime.terminal.stderr, color: runtime.streams.stderrColor})) && plan;
    };
    await runApply(options, runtime, {json: flags.json, approve, setExitCode: (code) => this.exitWith(code)});
  }
}

/** The review `apply` opens on a terminal: exclusions are recorded as `--reviewer`, else $USER; `s` saves with the runtime's fs. */
function reviewOptions(review: PlanReview, reviewer: string | undefined, runtime: Runtime): ApplyReviewOptions {
  return {
    review,
    reviewer: (reviewer ?? runtime.userName()).trim(),
    color: runtime.streams.color,
    save: (file, plan) => writePlanFile(file, plan, runtime.fs),
  };
}
