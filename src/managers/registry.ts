import type {ManagerId} from '../core/ids.js';
import type {PackageManagerAdapter} from './adapter.js';

/**
 * ManagerId → adapter, one per package manager. Each adapter's modules load only when it is asked for: an
 * offline plan loads none, and a live one only its own manager's (not fast-xml-parser on Debian).
 */
export async function adapterFor(manager: ManagerId): Promise<PackageManagerAdapter> {
  switch (manager) {
    case 'apt':
      return (await import('./apt/index.js')).createAptAdapter();
    case 'zypper':
      return (await import('./zypper/index.js')).createZypperAdapter();
    case 'dnf':
      return (await import('./dnf/index.js')).createDnfAdapter('dnf');
    case 'yum':
      return (await import('./dnf/index.js')).createDnfAdapter('yum');
    case 'macos':
      return (await import('./macos/index.js')).createMacosAdapter();
    case 'windows':
      return (await import('./windows/index.js')).createWindowsAdapter();
  }
}
