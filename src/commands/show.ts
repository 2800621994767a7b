import {Args, Flags} from '@oclif/core';

import {BaseCommand} from '../cli/base-command.js';
import {InputError} from '../errors.js';
import {showPlan} from '../services/show-plan.js';
import {createPlanView} from '../views/plan/index.js';

export default class ShowCommand extends BaseCommand {
  static override summary = 'Render a saved plan for review, after verifying its integrity.';

  static override description =
    'A plan whose digest does not match, or whose format version is unknown, is refused with exit 3, as apply would refuse it.';

  static override examples = [
    '<%= config.bin %> show plan.json',
    '<%= config.bin %> show plan.json --format markdown > change-ticket.md',
    '<%= config.bin %> show plan.json --json',
  ];

  static override args = {
    plan: Args.string({description: 'The plan file written by `plan --out`.', required: true}),
  };

  static override flags = {
    format: Flags.option({options: ['human', 'json', 'markdown'] as const, description: 'Output format (--json is --format json).'})(),
  };

  async run(): Promise<void> {
    const {args, flags} = await this.parse(ShowCommand);
    const runtime = this.runtime(flags['no-color']);
    if (flags.json && flags.format !== undefined && flags.format !== 'json') {
      throw new InputError('--format', `--json and --format ${flags.format} ask for different outputs; give one`);
    }
    const plan = await showPlan({planFile: args.plan}, runtime);
    createPlanView(flags.json ? 'json' : (flags.format ?? 'human'), runtime.streams).plan(plan);
  }
}
