import {describeArgv} from '../../system/runner.js';
import type {AdapterContext, NodeIdentity} from '../adapter.js';
import {ioregArgv} from './argv.js';
import {output} from './commands.js';
import {readSystemVersion} from './installed.js';
import {parsePlatformUuid} from './parse-ioreg.js';
import {osPackageName, productOf} from './parse-system-version.js';

/**
 * Who this Mac is: SystemVersion.plist (as sw_vers reads it) for the version, Apple's
 * marketing name for the display name (`macOS Sonoma`), `macOS14` as PRODUCT, and the
 * hardware UUID (IOPlatformUUID, what System Information calls Hardware UUID) as machine id.
 */
export async function identifyMacos(ctx: AdapterContext): Promise<NodeIdentity> {
  const system = await readSystemVersion(ctx);
  const argv = ioregArgv();
  const machineId = parsePlatformUuid(await output(ctx, argv), describeArgv(argv));
  return {
    os: {id: 'macos', versionId: system.productVersion, name: osPackageName(system.productVersion)},
    operatingSystem: 'MACOS',
    product: productOf(system.productVersion),
    machineId,
  };
}
