import {Args, Flags} from '@oclif/core';

import {BaseCommand} from '../../cli/base-command.js';
import {ManagerIdSchema} from '../../inventory/schema.js';
import {serializePinFile} from '../../plan/pin-file.js';
import {fleetPin} from '../../services/fleet-pin.js';

export default class FleetPin extends BaseCommand {
  static override summary = 'Pin the versions a ring validated (its `apply --json` results) for the next ring\'s `plan --pin`.';

  static override description =
    'Every package a result reports installed or already-installed is pinned at its `to` version. The same package at two versions ' +
    'across the results is refused (exit 1, nothing written). The pins are for the package manager the results name (apply --json ' +
    'records it); --manager is needed only for results written before that, and must agree with any result that names one.';

  static override strict = false;

  static override examples = [
    '<%= config.bin %> fleet pin results/ --out ring1-pins.json',
    '<%= config.bin %> plan --pin ring1-pins.json --out plan.json',
  ];

  static override args = {
    results: Args.string({description: '`apply --json` result files, or directories of them (their *.json files).', required: true}),
  };

  static override flags = {
    out: Flags.string({description: 'Write the pin file here (atomically, mode 0644).', required: true}),
    manager: Flags.option({
      description: 'The package manager the results were applied with (the pins compare versions in its order); default: the one the results name.',
      options: ManagerIdSchema.options,
    })(),
  };

  async run(): Promise<void> {
    const {argv, flags} = await this.parse(FleetPin);
    const runtime = this.runtime(flags['no-color']);
    const outcome = await fleetPin({inputs: argv as string[], manager: flags.manager, outFile: flags.out}, runtime);
    if (outcome.pins === null) {
      const {refused} = outcome;
      // Every result that could not be read is named, one line each; nothing was written.
      for (const error of refused) runtime.streams.stderr.write(`error: ${error.line()}\n`);
      this.exitWith(Math.max(...refused.map((e) => e.exitCode)));
      return;
    }
    const {pins, manager} = outcome;
    if (flags.json) {
      runtime.streams.stdout.write(serializePinFile(pins));
      return;
    }
    const n = pins.pins.length;
    const r = pins.sources.length;
    runtime.streams.stdout.write(
      `Pinned ${n} ${n === 1 ? 'package' : 'packages'} (${manager}) from ${r} apply ${r === 1 ? 'result' : 'results'} to ${flags.out}\n`,
    );
  }
}
