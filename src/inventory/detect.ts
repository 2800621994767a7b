import {InputError} from '../errors.js';
import type {ManagerId, OperatingSystem} from '../core/ids.js';

/**
 * From /etc/os-release to the AWS OperatingSystem, its PRODUCT value and the package manager
 * whose semantics apply (spec background note and DECISION-25: AL1/AL2 and 7.x releases of
 * RHEL/CentOS/Oracle follow yum, every newer rpm OS follows dnf).
 */

export interface OsRelease {
  readonly id: string;
  readonly idLike: readonly string[];
  readonly versionId: string;
  readonly name: string;
  readonly prettyName: string;
}

export interface DetectedOs {
  readonly operatingSystem: OperatingSystem;
  readonly product: string;
  readonly manager: ManagerId;
  readonly os: {readonly id: string; readonly versionId: string; readonly name: string};
}

/**
 * os-release(5): `KEY=value` lines, values optionally in double or single quotes with
 * backslash escapes; comments and blank lines ignored.
 *
 *   PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
 *   VERSION_ID="12"
 *   ID=debian
 */
export function parseOsRelease(text: string, source: string): OsRelease {
  const fields = new Map<string, string>();
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line);
    if (!m) continue;
    let value = m[2] ?? '';
    const q = value[0];
    if ((q === '"' || q === "'") && value.endsWith(q) && value.length >= 2) {
      value = value.slice(1, -1);
      if (q === '"') value = value.replace(/\\(["\\$`])/g, '$1');
    }
    fields.set(m[1] ?? '', value);
  }
  const id = fields.get('ID');
  if (!id) throw new InputError(source, 'no ID= line: cannot tell which operating system this is');
  return {
    id: id.toLowerCase(),
    idLike: (fields.get('ID_LIKE') ?? '').toLowerCase().split(/\s+/).filter(Boolean),
    versionId: fields.get('VERSION_ID') ?? '',
    name: fields.get('NAME') ?? id,
    prettyName: fields.get('PRETTY_NAME') ?? fields.get('NAME') ?? id,
  };
}

const major = (versionId: string): number => Number.parseInt(versionId.split('.')[0] ?? '', 10);

/**
 * `raspberryPiOs` is true when /etc/rpi-issue exists: 64-bit Raspberry Pi OS says ID=debian.
 */
export function detectOs(release: OsRelease, options: {raspberryPiOs?: boolean} = {}): DetectedOs {
  const {id, versionId} = release;
  const os = {id, versionId, name: release.prettyName};
  const rpmManager = (): ManagerId => (major(versionId) <= 7 ? 'yum' : 'dnf');
  const result = (operatingSystem: OperatingSystem, product: string, manager: ManagerId): DetectedOs => ({
    operatingSystem,
    product,
    manager,
    os,
  });
  switch (id) {
    case 'debian':
      return options.raspberryPiOs
        ? result('RASPBIAN', `Raspbian${major(versionId) || versionId}`, 'apt')
        : result('DEBIAN', `Debian${major(versionId) || versionId}`, 'apt');
    case 'raspbian':
      return result('RASPBIAN', `Raspbian${major(versionId) || versionId}`, 'apt');
    case 'ubuntu':
      return result('UBUNTU', `Ubuntu${versionId}`, 'apt');
    case 'amzn': {
      if (versionId === '2') return result('AMAZON_LINUX_2', 'AmazonLinux2', 'yum');
      if (versionId === '2022') return result('AMAZON_LINUX_2022', 'AmazonLinux2022', 'dnf');
      if (versionId.startsWith('2023')) return result('AMAZON_LINUX_2023', 'AmazonLinux2023', 'dnf');
      return result('AMAZON_LINUX', `AmazonLinux${versionId}`, 'yum');
    }
    case 'rhel':
      return result('REDHAT_ENTERPRISE_LINUX', `RedhatEnterpriseLinux${versionId}`, rpmManager());
    case 'centos':
      return /stream/i.test(release.name)
        ? result('CENTOS', `CentOSStream${major(versionId)}`, 'dnf')
        : result('CENTOS', `CentOS${versionId}`, rpmManager());
    case 'ol':
      return result('ORACLE_LINUX', `OracleLinux${versionId}`, rpmManager());
    case 'rocky':
      return result('ROCKY_LINUX', `RockyLinux${versionId}`, 'dnf');
    case 'almalinux':
      return result('ALMA_LINUX', `AlmaLinux${versionId}`, 'dnf');
    case 'sles':
    case 'sled':
    case 'sles_sap':
      return result('SUSE', `Suse${versionId}`, 'zypper');
    default:
      break;
  }
  if (release.idLike.includes('ubuntu')) return result('UBUNTU', `Ubuntu${versionId}`, 'apt');
  if (release.idLike.includes('debian')) return result('DEBIAN', `Debian${major(versionId) || versionId}`, 'apt');
  if (release.idLike.includes('suse')) return result('SUSE', `Suse${versionId}`, 'zypper');
  if (release.idLike.some((l) => l === 'rhel' || l === 'fedora' || l === 'centos')) {
    return result('REDHAT_ENTERPRISE_LINUX', `RedhatEnterpriseLinux${versionId}`, rpmManager());
  }
  throw new InputError('os-release', `unsupported operating system "${release.prettyName}" (ID=${id})`);
}

/** Native architecture names as each family's tools print them. */
export function nativeArch(manager: ManagerId, nodeArch: string): string {
  const apt: Record<string, string> = {x64: 'amd64', arm64: 'arm64', arm: 'armhf', ia32: 'i386', ppc64: 'ppc64el', s390x: 's390x'};
  const rpm: Record<string, string> = {x64: 'x86_64', arm64: 'aarch64', arm: 'armv7hl', ia32: 'i686', ppc64: 'ppc64le', s390x: 's390x'};
  if (manager === 'apt') return apt[nodeArch] ?? nodeArch;
  if (manager === 'dnf' || manager === 'yum' || manager === 'zypper') return rpm[nodeArch] ?? nodeArch;
  // Windows names them as PROCESSOR_ARCHITECTURE does, in lower case (the Windows adapter's packages).
  if (manager === 'windows') return ({x64: 'amd64', arm64: 'arm64', ia32: 'x86'} as Record<string, string>)[nodeArch] ?? nodeArch;
  return nodeArch;
}
