import type {PackageManagerAdapter} from '../adapter.js';
import {collectMacos, rebootRequired} from './collect.js';
import {locateBrew} from './commands.js';
import {identifyMacos} from './identify.js';
import {installedNow, readNodeState} from './installed.js';
import {installMacos, macosInstallArgv} from './install.js';
import {SOFTWAREUPDATE, under} from './paths.js';

/**
 * The macOS adapter: softwareupdate (Apple's updates, config data included), InstallHistory
 * and pkgutil (what Apple's and other installers put on the node), Homebrew formulae and casks
 * (docs/managers/macos.md). One file per concern:
 *   identify.ts        version, PRODUCT and hardware UUID
 *   installed.ts       what is installed now (collect's first half, apply's read-back), the reboot rule
 *   collect.ts         installed + offered
 *   build-inventory.ts the inventory's packages
 *   install.ts         planned items → labels, formulae, casks; refusals; the install commands
 *   commands.ts        running the tools, locating Homebrew and its owner
 *   names.ts           package names and the security flag
 *   argv.ts            every argv, pure
 */

/** Every command runs through the context's runner: the adapter has no other way to the machine. */
export function createMacosAdapter(): PackageManagerAdapter {
  return {
    id: 'macos',
    identify: identifyMacos,
    // Present without starting anything: softwareupdate ships with every macOS.
    available: (ctx) => ctx.files.exists(under(ctx.root, SOFTWAREUPDATE)),
    collect: collectMacos,
    installArgv: macosInstallArgv,
    readInstalled: async (ctx) => installedNow(await readNodeState(ctx, await locateBrew(ctx))),
    install: installMacos,
    rebootRequired,
  };
}
