import {BaseCommand} from '../../cli/base-command.js';
import {listBaselines} from '../../services/baseline.js';
import {printBaselineList, printBaselineListJson} from '../../views/baseline/list.js';

export default class BaselineList extends BaseCommand {
  static override summary = 'List the built-in predefined baselines (AWS-*DefaultPatchBaseline for every supported OS).';

  static override examples = ['<%= config.bin %> baseline list', '<%= config.bin %> baseline list --json'];

  async run(): Promise<void> {
    const {flags} = await this.parse(BaselineList);
    const runtime = this.runtime(flags['no-color']);
    const baselines = listBaselines();
    if (flags.json) printBaselineListJson(baselines, runtime.streams);
    else printBaselineList(baselines, runtime.streams);
  }
}
