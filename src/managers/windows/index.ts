import type {PackageManagerAdapter} from '../adapter.js';
import {powershellPath} from './argv.js';
import {collectWindows, identifyWindows} from './collect.js';
import {readInstalledNow, rebootRequired} from './commands.js';
import {installWindows, windowsInstallArgv} from './install.js';

/**
 * The Windows adapter: the Windows Update Agent API through one fixed PowerShell script
 * (docs/managers/windows.md). One file per concern:
 *   script.ts          the script; modes identify, scan, install, rebootRequired
 *   argv.ts            its argv, each mode's stdin JSON, the revision version syntax (pure)
 *   parse-output.ts    each mode's JSON document, checked with zod
 *   commands.ts        running a mode; the read-back and reboot query
 *   identify.ts        build number → AWS PRODUCT
 *   build-inventory.ts WUA updates → packages (KB, classification, products)
 *   collect.ts, install.ts
 * No recover: WUA keeps no half-finished transaction for patchplan to finish.
 */
export function createWindowsAdapter(): PackageManagerAdapter {
  return {
    id: 'windows',
    identify: identifyWindows,
    // Present, without starting it: a PowerShell start costs a second or more.
    available: (ctx) => ctx.files.exists(powershellPath(ctx.env)),
    collect: collectWindows,
    installArgv: windowsInstallArgv,
    readInstalled: readInstalledNow,
    install: installWindows,
    rebootRequired,
  };
}
