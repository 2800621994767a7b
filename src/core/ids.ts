/**
 * The identifiers every layer shares: which operating system a node runs (AWS's
 * OperatingSystem values) and which package manager speaks for it. They live here, below
 * every other module, so that versions/, baseline/ and the engine name them without
 * depending on the inventory's schema (which validates them with these same lists).
 */

export const OPERATING_SYSTEMS = [
  'WINDOWS',
  'AMAZON_LINUX',
  'AMAZON_LINUX_2',
  'AMAZON_LINUX_2022',
  'UBUNTU',
  'REDHAT_ENTERPRISE_LINUX',
  'SUSE',
  'CENTOS',
  'ORACLE_LINUX',
  'DEBIAN',
  'MACOS',
  'RASPBIAN',
  'ROCKY_LINUX',
  'ALMA_LINUX',
  'AMAZON_LINUX_2023',
] as const;
export type OperatingSystem = (typeof OPERATING_SYSTEMS)[number];

export const MANAGER_IDS = ['apt', 'dnf', 'yum', 'zypper', 'macos', 'windows'] as const;
export type ManagerId = (typeof MANAGER_IDS)[number];
