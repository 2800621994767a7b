import {ManagerUnavailableError} from '../../errors.js';
import type {NodeIdentity} from '../adapter.js';
import type {IdentifyOutput} from './parse-output.js';

/**
 * Who a Windows node is, from Win32_OperatingSystem and MachineGuid (script.ts `identify`). The
 * product is read from the build number, not the Caption: Caption is localized and edition-
 * specific, while each Windows Server release has one build (Microsoft's release information;
 * the 20348 of Windows Server 2022 is the one fixtures/inventories/examples shows).
 */

/** Build → the AWS PRODUCT value (spec §1.4 WINDOWS PRODUCT list). */
const SERVER_BUILDS: Readonly<Record<string, string>> = {
  '6001': 'WindowsServer2008',
  '6002': 'WindowsServer2008',
  '6003': 'WindowsServer2008',
  '7600': 'WindowsServer2008R2',
  '7601': 'WindowsServer2008R2',
  '9200': 'WindowsServer2012',
  '9600': 'WindowsServer2012R2',
  '14393': 'WindowsServer2016',
  '17763': 'WindowsServer2019',
  '20348': 'WindowsServer2022',
  '26100': 'WindowsServer2025',
};

/** Win32_OperatingSystem.ProductType: 1 workstation, 2 domain controller, 3 server. */
const WORKSTATION = 1;

export function toIdentity(output: IdentifyOutput): NodeIdentity {
  const name = output.caption.trim();
  const product = output.productType === WORKSTATION ? undefined : SERVER_BUILDS[output.buildNumber];
  if (product === undefined) {
    const what = output.productType === WORKSTATION ? 'a Windows client edition' : `Windows Server build ${output.buildNumber}`;
    throw new ManagerUnavailableError(
      'windows',
      `${name || 'this node'} (${output.version}) is ${what}, which has no AWS Patch Manager PRODUCT (WindowsServer2008 … WindowsServer2025)`,
    );
  }
  return {
    os: {id: 'windows', versionId: output.version, name},
    operatingSystem: 'WINDOWS',
    product,
    machineId: output.machineGuid.trim().toLowerCase(),
  };
}
