import {Args, Flags} from '@oclif/core';

import {BaseCommand} from '../../cli/base-command.js';
import {InputError} from '../../errors.js';
import {fleetExitCode} from '../../plan/fleet-report.js';
import {fleetReport} from '../../services/fleet-report.js';
import {showFleetReport} from '../../views/fleet/index.js';

export default class FleetReport extends BaseCommand {
  static override summary = 'Review one change across many nodes: what their plans install, skip and why, reboots, exclusions, approvals.';

  static override description =
    'Every plan is verified as `show` verifies it. The report covers the plans that verify; each that does not is named on stderr ' +
    'and in the report, and the exit code is 3 when one failed its integrity check (digest, format version), else 1 when one could ' +
    'not be read or is not a valid plan, else 0. Plans for the same machine id are flagged.';

  static override strict = false;

  static override examples = [
    '<%= config.bin %> fleet report plans/',
    '<%= config.bin %> fleet report plans/ --format markdown > change-ticket.md',
    '<%= config.bin %> fleet report web-01.json web-02.json --json',
  ];

  static override args = {
    plans: Args.string({description: 'Plan files written by `plan --out`, or directories of them (their *.json files).', required: true}),
  };

  static override flags = {
    format: Flags.option({options: ['human', 'json', 'markdown'] as const, description: 'Output format (--json is --format json).'})(),
  };

  async run(): Promise<void> {
    const {argv, flags} = await this.parse(FleetReport);
    const runtime = this.runtime(flags['no-color']);
    if (flags.json && flags.format !== undefined && flags.format !== 'json') {
      throw new InputError('--format', `--json and --format ${flags.format} ask for different outputs; give one`);
    }
    const report = await fleetReport({inputs: argv as string[]}, runtime);
    showFleetReport(flags.json ? 'json' : (flags.format ?? 'human'), report, runtime.streams);
    this.exitWith(fleetExitCode(report));
  }
}
