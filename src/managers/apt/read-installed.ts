import type {AdapterContext, InstalledNow} from '../adapter.js';
import {dpkgQueryArgv} from './argv.js';
import {unfinishedState} from './build-inventory.js';
import {aptTarget, query, waitForDpkg, type AptTools} from './commands.js';
import {hasInstalledVersion, parseDpkgQuery} from './parse-dpkg-query.js';

/**
 * apply's read-back after the installer: dpkg's database alone (one dpkg-query, ~5 ms for 2,000
 * packages), not the lists and the policy run a collection needs for the offered versions.
 * The same packages, versions and unfinished states `collect` reports as installed.
 */
export async function readInstalledApt(tools: AptTools, ctx: AdapterContext): Promise<InstalledNow[]> {
  const target = await aptTarget(tools, ctx);
  await waitForDpkg(tools, ctx, target);
  return parseDpkgQuery(await query(ctx, dpkgQueryArgv(target)))
    .filter(hasInstalledVersion)
    .map((pkg) => {
      const unfinished = unfinishedState(pkg);
      return {name: pkg.name, arch: pkg.arch, installedVersion: pkg.version, ...(unfinished ? {unfinished} : {})};
    });
}
