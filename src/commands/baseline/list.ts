import {BaseCommand} from '../../cli/base-command.js';
import type {Streams} from '../../cli/streams.js';
import {listBaselines, type BaselineSummary} from '../../services/baseline.js';

export default class BaselineList extends BaseCommand {
  static override summary = 'List the built-in predefined baselines (AWS-*DefaultPatchBaseline for every supported OS).';

  static override examples = ['<%= config.bin %> baseline list', '<%= config.bin %> baseline list --json'];

  async run(): Promise<void> {
    const {flags} = await this.parse(BaselineList);
    const runtime = this.runtime(flags['no-color']);
    const baselines = listBaselines();
    if (flags.json) printJson(baselines, runtime.streams);
    else printTable(baselines, runtime.streams);
  }
}

function printJson(baselines: readonly BaselineSummary[], streams: Streams): void {
  streams.stdout.write(`${JSON.stringify(baselines, null, 2)}\n`);
}

function printTable(baselines: readonly BaselineSummary[], streams: Streams): void {
  const rows = baselines.map((b) => [b.default ? `${b.name} (default)` : b.name, b.operatingSystem, b.description]);
  const header = ['NAME', 'OS', 'DESCRIPTION'];
  const nameWidth = Math.max(header[0]?.length ?? 0, ...rows.map((r) => r[0]?.length ?? 0));
  const osWidth = Math.max(header[1]?.length ?? 0, ...rows.map((r) => r[1]?.length ?? 0));
  // Only a terminal has a width worth fitting; piped output keeps whole descriptions for grep.
  const room = streams.stdout.isTTY ? Math.max(20, streams.stdout.columns - nameWidth - osWidth - 4) : Infinity;
  const fit = (text: string): string => (text.length > room ? `${text.slice(0, room - 1)}…` : text);
  for (const [name = '', os = '', description = ''] of [header, ...rows]) {
    streams.stdout.write(`${name.padEnd(nameWidth)}  ${os.padEnd(osWidth)}  ${fit(description)}\n`);
  }
  streams.stdout.write('\nRules reconstructed from AWS\'s published descriptions of its predefined baselines (docs/baselines.md); `patchplan baseline show NAME` prints one.\n');
}
