import {Args} from '@oclif/core';

import type {LoadedBaseline} from '../../baseline/load.js';
import {BaseCommand} from '../../cli/base-command.js';
import type {Streams} from '../../cli/streams.js';
import {showBaseline} from '../../services/baseline.js';

export default class BaselineShow extends BaseCommand {
  static override summary = 'Print a built-in predefined baseline as get-patch-baseline JSON.';

  static override description =
    'Without --json, prints the baseline document itself (save it to a file to start a custom baseline). ' +
    'With --json, prints {name, sha256, reconstructed, document}.';

  static override args = {
    id: Args.string({description: 'Predefined baseline name, e.g. AWS-UbuntuDefaultPatchBaseline.', required: true}),
  };

  static override examples = ['<%= config.bin %> baseline show AWS-AmazonLinux2023DefaultPatchBaseline'];

  async run(): Promise<void> {
    const {args, flags} = await this.parse(BaselineShow);
    const runtime = this.runtime(flags['no-color']);
    const loaded = showBaseline({id: args.id});
    if (flags.json) printJson(loaded, runtime.streams);
    else printDocument(loaded, runtime.streams);
  }
}

function printJson(loaded: LoadedBaseline, streams: Streams): void {
  // DECISION-19: the built-ins are reconstructed from AWS's prose; machines should know that.
  const out = {name: loaded.source, sha256: loaded.sha256, reconstructed: true, document: loaded.document};
  streams.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
}

function printDocument(loaded: LoadedBaseline, streams: Streams): void {
  // Plain JSON, as `aws ssm get-patch-baseline` prints it, so it can be redirected to a file.
  streams.stdout.write(`${JSON.stringify(loaded.document, null, 4)}\n`);
}
