import type {ManagerId} from '../core/ids.js';
import {compareDpkgVersions} from './dpkg.js';
import {compareGenericVersions} from './generic.js';
import {compareEvr} from './rpm.js';

export type VersionScheme = 'dpkg' | 'rpm' | 'generic';

/** The package manager's own order (DECISION-26). */
export function versionSchemeFor(manager: ManagerId): VersionScheme {
  switch (manager) {
    case 'apt':
      return 'dpkg';
    case 'dnf':
    case 'yum':
    case 'zypper':
      return 'rpm';
    case 'macos':
    case 'windows':
      return 'generic';
  }
}

/** <0 when a is older than b, 0 when equal, >0 when newer, in the scheme's own order. */
export function compareVersions(scheme: VersionScheme, a: string, b: string): number {
  switch (scheme) {
    case 'dpkg':
      return compareDpkgVersions(a, b);
    case 'rpm':
      return compareEvr(a, b);
    case 'generic':
      return compareGenericVersions(a, b);
  }
}
