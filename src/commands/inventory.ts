import {Flags} from '@oclif/core';

import {BaseCommand} from '../cli/base-command.js';
import {collectInventory} from '../services/collect-inventory.js';
import {renderInventoryHuman, renderInventoryJson} from '../views/inventory/human.js';
import {stderrLogger} from '../views/progress.js';

export default class InventoryCommand extends BaseCommand {
  static override summary = "Collect and print this node's inventory snapshot.";

  static override description =
    'OS, package manager, installed packages, every available newer version with its repository/suite, advisories, and whether a reboot is pending. ' +
    'Read-only: nothing is changed unless --refresh updates the package lists first.';

  static override examples = ['<%= config.bin %> inventory', '<%= config.bin %> inventory --json --out inventory.json', '<%= config.bin %> inventory --root /srv/image'];

  static override flags = {
    out: Flags.string({description: 'Also write the inventory (JSON) to this file, for `plan --inventory`.'}),
    refresh: Flags.boolean({description: 'Update the package lists (apt-get update, …) before collecting.', default: false}),
  };

  async run(): Promise<void> {
    const {flags} = await this.parse(InventoryCommand);
    const runtime = this.runtime(flags['no-color']);
    const manager = flags.manager;
    const {inventory} = await collectInventory(
      {root: flags.root, manager, refresh: flags.refresh, log: stderrLogger(runtime.streams, runtime.env)},
      runtime,
    );
    if (flags.out !== undefined) await runtime.fs.writeAtomic(flags.out, `${JSON.stringify(inventory, null, 2)}\n`, 0o644);
    if (flags.json) renderInventoryJson(inventory, runtime.streams);
    else renderInventoryHuman(inventory, runtime.streams);
  }
}
