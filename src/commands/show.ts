import {Args, Flags} from '@oclif/core';

import {trustedKeysSetting} from '../approval/trusted-keys.js';
import {BaseCommand} from '../cli/base-command.js';
import {InputError} from '../errors.js';
import {comparePlanFiles} from '../services/compare-plans.js';
import {showPlan} from '../services/show-plan.js';
import {showComparison} from '../views/compare/index.js';
import {createPlanView} from '../views/plan/index.js';

export default class ShowCommand extends BaseCommand {
  static override summary = 'Render a saved plan for review, after verifying its integrity.';

  static override description =
    'A plan whose digest does not match, or whose format version is unknown, is refused with exit 3, as apply would refuse it.';

  static override examples = [
    '<%= config.bin %> show plan.json',
    '<%= config.bin %> show plan.json --format markdown > change-ticket.md',
    '<%= config.bin %> show plan.json --json',
    '<%= config.bin %> show plan.json --trusted-keys /etc/patchplan/trusted-keys/',
    '<%= config.bin %> show last-week.json --compare today.json --format markdown',
  ];

  static override args = {
    plan: Args.string({description: 'The plan file written by `plan --out`.', required: true}),
  };

  static override flags = {
    format: Flags.option({options: ['human', 'json', 'markdown'] as const, description: 'Output format (--json is --format json).'})(),
    verbose: Flags.boolean({description: 'List every decision with its full sentence instead of the one-screen review.', default: false}),
    'trusted-keys': Flags.string({
      description: 'Also say whether each approval\'s key is among these trusted keys (a file, or a directory of *.pem and *.pub files).',
      env: 'PATCHPLAN_TRUSTED_KEYS',
    }),
    compare: Flags.string({
      description: 'Show what changed from PLAN to this newer plan of the same node: packages entering or leaving the install set, moved targets, changed reasons, baseline and option changes.',
    }),
    force: Flags.boolean({description: 'With --compare: compare plans made for different machines.', dependsOn: ['compare']}),
  };

  async run(): Promise<void> {
    const {args, flags} = await this.parse(ShowCommand);
    const runtime = this.runtime(flags['no-color']);
    if (flags.json && flags.format !== undefined && flags.format !== 'json') {
      throw new InputError('--format', `--json and --format ${flags.format} ask for different outputs; give one`);
    }
    if (flags.compare !== undefined) {
      const compared = await comparePlanFiles({oldFile: args.plan, newFile: flags.compare, force: flags.force ?? false}, runtime);
      showComparison(flags.json ? 'json' : (flags.format ?? 'human'), compared, runtime.streams);
      return;
    }
    const {plan, approvals} = await showPlan({planFile: args.plan, trustedKeys: trustedKeysSetting(flags['trusted-keys'], runtime.env)}, runtime);
    // --json prints the plan as the file holds it; the human and Markdown views list the approvals.
    createPlanView(flags.json ? 'json' : (flags.format ?? 'human'), runtime.streams).plan(plan, {approvals, verbose: flags.verbose});
  }
}
