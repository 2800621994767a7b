import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';

import {detectOs, nativeArch, parseOsRelease} from '../../src/inventory/detect.js';

// os-release files as the distributions ship them (values quoted or not, as they are).
const samples: Record<string, string> = {
  debian12: `PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
NAME="Debian GNU/Linux"
VERSION_ID="12"
VERSION="12 (bookworm)"
VERSION_CODENAME=bookworm
ID=debian
HOME_URL="https://www.debian.org/"
`,
  ubuntu2204: `PRETTY_NAME="Ubuntu 22.04.4 LTS"
NAME="Ubuntu"
VERSION_ID="22.04"
VERSION="22.04.4 LTS (Jammy Jellyfish)"
VERSION_CODENAME=jammy
ID=ubuntu
ID_LIKE=debian
UBUNTU_CODENAME=jammy
`,
  raspbian11: `PRETTY_NAME="Raspbian GNU/Linux 11 (bullseye)"
NAME="Raspbian GNU/Linux"
VERSION_ID="11"
VERSION="11 (bullseye)"
ID=raspbian
ID_LIKE=debian
`,
  al2: `NAME="Amazon Linux"
VERSION="2"
ID="amzn"
ID_LIKE="centos rhel fedora"
VERSION_ID="2"
PRETTY_NAME="Amazon Linux 2"
`,
  al2023: `NAME="Amazon Linux"
VERSION="2023"
ID="amzn"
ID_LIKE="fedora"
VERSION_ID="2023"
PLATFORM_ID="platform:al2023"
PRETTY_NAME="Amazon Linux 2023.6.20241212"
`,
  rhel94: `NAME="Red Hat Enterprise Linux"
VERSION="9.4 (Plow)"
ID="rhel"
ID_LIKE="fedora"
VERSION_ID="9.4"
PRETTY_NAME="Red Hat Enterprise Linux 9.4 (Plow)"
`,
  rhel79: `NAME="Red Hat Enterprise Linux Server"
VERSION="7.9 (Maipo)"
ID="rhel"
ID_LIKE="fedora"
VERSION_ID="7.9"
PRETTY_NAME="Red Hat Enterprise Linux Server 7.9 (Maipo)"
`,
  centosStream9: `NAME="CentOS Stream"
VERSION="9"
ID="centos"
ID_LIKE="rhel fedora"
VERSION_ID="9"
PRETTY_NAME="CentOS Stream 9"
`,
  rocky93: `NAME="Rocky Linux"
VERSION="9.3 (Blue Onyx)"
ID="rocky"
ID_LIKE="rhel centos fedora"
VERSION_ID="9.3"
PRETTY_NAME="Rocky Linux 9.3 (Blue Onyx)"
`,
  sles156: `NAME="SLES"
VERSION="15-SP6"
VERSION_ID="15.6"
PRETTY_NAME="SUSE Linux Enterprise Server 15 SP6"
ID="sles"
ID_LIKE="suse"
`,
};

describe('parseOsRelease', () => {
  it('reads quoted and unquoted values', () => {
    expect(parseOsRelease(samples.debian12 ?? '', 'os-release')).toEqual({
      id: 'debian',
      idLike: [],
      versionId: '12',
      name: 'Debian GNU/Linux',
      prettyName: 'Debian GNU/Linux 12 (bookworm)',
    });
  });

  it('refuses a file without ID with one line naming it', () => {
    expect(() => parseOsRelease('NAME=x\n', '/etc/os-release')).toThrow('no ID= line');
  });

  it("reads this machine's own os-release", () => {
    const release = parseOsRelease(readFileSync('/etc/os-release', 'utf8'), '/etc/os-release');
    expect(release.id.length).toBeGreaterThan(0);
  });
});

describe('detectOs', () => {
  const detect = (key: string, options = {}) => detectOs(parseOsRelease(samples[key] ?? '', key), options);

  it.each([
    ['debian12', 'DEBIAN', 'Debian12', 'apt'],
    ['ubuntu2204', 'UBUNTU', 'Ubuntu22.04', 'apt'],
    ['raspbian11', 'RASPBIAN', 'Raspbian11', 'apt'],
    ['al2', 'AMAZON_LINUX_2', 'AmazonLinux2', 'yum'],
    ['al2023', 'AMAZON_LINUX_2023', 'AmazonLinux2023', 'dnf'],
    ['rhel94', 'REDHAT_ENTERPRISE_LINUX', 'RedhatEnterpriseLinux9.4', 'dnf'],
    ['rhel79', 'REDHAT_ENTERPRISE_LINUX', 'RedhatEnterpriseLinux7.9', 'yum'],
    ['centosStream9', 'CENTOS', 'CentOSStream9', 'dnf'],
    ['rocky93', 'ROCKY_LINUX', 'RockyLinux9.3', 'dnf'],
    ['sles156', 'SUSE', 'Suse15.6', 'zypper'],
  ])('%s → %s / %s / %s', (key, os, product, manager) => {
    expect(detect(key)).toMatchObject({operatingSystem: os, product, manager});
  });

  it('treats 64-bit Raspberry Pi OS (ID=debian plus /etc/rpi-issue) as RASPBIAN', () => {
    expect(detect('debian12', {raspberryPiOs: true})).toMatchObject({operatingSystem: 'RASPBIAN', product: 'Raspbian12'});
  });

  it('refuses an unknown OS with its name', () => {
    expect(() => detectOs(parseOsRelease('ID=plan9\nPRETTY_NAME="Plan 9"\n', 'x'))).toThrow('unsupported operating system "Plan 9"');
  });
});

describe('nativeArch', () => {
  it('uses each family’s names', () => {
    expect(nativeArch('apt', 'x64')).toBe('amd64');
    expect(nativeArch('dnf', 'x64')).toBe('x86_64');
    expect(nativeArch('zypper', 'arm64')).toBe('aarch64');
  });
});
