import {Args, Flags} from '@oclif/core';

import {BaseCommand} from '../../cli/base-command.js';
import type {Streams} from '../../cli/streams.js';
import {validateBaseline, type BaselineValidation} from '../../services/baseline.js';

export default class BaselineValidate extends BaseCommand {
  static override summary = 'Check a baseline file (get-patch-baseline output, CreatePatchBaseline request or BaselineOverride).';

  static override description =
    'Prints "FILE: valid (…)" and any warnings (on stderr). The first error is printed as one line ' +
    '"FILE: JSON.Path: message" and the exit code is 1.';

  static override args = {
    file: Args.string({description: 'Baseline JSON file.', required: true}),
  };

  static override flags = {
    lenient: Flags.boolean({
      description: 'Accept NAME, ARCH and the other DescribeAvailablePatches keys as filters (with a warning) instead of failing.',
      default: false,
    }),
  };

  static override examples = ['<%= config.bin %> baseline validate baseline.json', '<%= config.bin %> baseline validate baseline.json --lenient --json'];

  async run(): Promise<void> {
    const {args, flags} = await this.parse(BaselineValidate);
    const runtime = this.runtime(flags['no-color']);
    const result = await validateBaseline({file: args.file, lenient: flags.lenient}, {fs: runtime.fs});
    printWarnings(result, runtime.streams);
    if (flags.json) printJson(result, runtime.streams);
    else printSummary(result, runtime.streams);
  }
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function printSummary({file, loaded}: BaselineValidation, streams: Streams): void {
  const b = loaded.baseline;
  const parts = [
    b.operatingSystem,
    plural(b.rules.length, 'rule'),
    plural(b.globalFilters.length, 'global filter'),
    `${b.approvedPatches.length} approved`,
    `${b.rejectedPatches.length} rejected`,
    plural(loaded.warnings.length, 'warning'),
  ];
  streams.stdout.write(`${file}: valid (${parts.join(', ')})\n`);
}

function printWarnings({file, loaded}: BaselineValidation, streams: Streams): void {
  for (const w of loaded.warnings) streams.stderr.write(`warning: ${file}: ${w.path ? `${w.path}: ` : ''}${w.message}\n`);
}

function printJson({file, loaded}: BaselineValidation, streams: Streams): void {
  const b = loaded.baseline;
  const out = {
    file,
    valid: true,
    name: b.name,
    operatingSystem: b.operatingSystem,
    sha256: loaded.sha256,
    rules: b.rules.length,
    globalFilters: b.globalFilters.length,
    approvedPatches: b.approvedPatches.length,
    rejectedPatches: b.rejectedPatches.length,
    sources: b.sources.length,
    warnings: loaded.warnings,
  };
  streams.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
}
