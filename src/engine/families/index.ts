import type {OperatingSystem, ManagerId} from '../../core/ids.js';
import type {LinuxFamily} from '../linux-types.js';
import {aptRules} from './apt.js';
import {dnfRules} from './dnf.js';
import type {FamilyRules} from './family.js';
import {yumRules} from './yum.js';
import {zypperRules} from './zypper.js';

/**
 * Which payload code path evaluates a Linux baseline (spec background note, DECISION-25):
 * AL1 and AL2 are yum; RHEL, CentOS and Oracle follow the node's manager (7.x releases
 * run yum, 8+ dnf); AL2022/AL2023, Rocky and Alma are dnf; SUSE is zypper; Debian-likes are apt. null for WINDOWS/MACOS.
 */
export function linuxFamilyFor(os: OperatingSystem, manager: ManagerId): LinuxFamily | null {
  switch (os) {
    case 'UBUNTU':
    case 'DEBIAN':
    case 'RASPBIAN':
      return 'apt';
    case 'SUSE':
      return 'zypper';
    case 'AMAZON_LINUX':
    case 'AMAZON_LINUX_2':
      return 'yum';
    // Released after the payload was extracted and dnf-based whatever `yum` is called there
    // (AL2023's `yum` is dnf): DECISION-25.
    case 'AMAZON_LINUX_2022':
    case 'AMAZON_LINUX_2023':
    case 'ROCKY_LINUX':
    case 'ALMA_LINUX':
      return 'dnf';
    // 7.x releases run yum, 8+ dnf: the node's manager tells which.
    case 'REDHAT_ENTERPRISE_LINUX':
    case 'CENTOS':
    case 'ORACLE_LINUX':
      return manager === 'yum' ? 'yum' : 'dnf';
    case 'WINDOWS':
    case 'MACOS':
      return null;
  }
}

export function familyRulesFor(family: LinuxFamily): FamilyRules {
  switch (family) {
    case 'apt':
      return aptRules;
    case 'yum':
      return yumRules;
    case 'dnf':
      return dnfRules;
    case 'zypper':
      return zypperRules;
  }
}
