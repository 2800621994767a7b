import {execaRunner, type CommandRunner} from '../../system/runner.js';
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

export interface MacosAdapterOptions {
  /**
   * The runner installArgv uses when its context carries none (InstallContext has no runner;
   * apply's AdapterContext does, and is used when given). Default: the real one.
   */
  readonly runner?: CommandRunner;
}

export function createMacosAdapter(options: MacosAdapterOptions = {}): PackageManagerAdapter {
  return {
    id: 'macos',
    identify: identifyMacos,
    // Present without starting anything: softwareupdate ships with every macOS.
    available: (ctx) => ctx.files.exists(under(ctx.root, SOFTWAREUPDATE)),
    collect: collectMacos,
    installArgv: (items, ctx) => {
      const runner = 'runner' in ctx ? (ctx as {runner: CommandRunner}).runner : (options.runner ?? execaRunner);
      return macosInstallArgv(items, {...ctx, runner});
    },
    readInstalled: async (ctx) => installedNow(await readNodeState(ctx, await locateBrew(ctx))),
    install: installMacos,
    rebootRequired,
  };
}
