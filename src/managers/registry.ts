import {ManagerUnavailableError} from '../errors.js';
import type {ManagerId} from '../core/ids.js';
import type {PackageManagerAdapter} from './adapter.js';
import {createAptAdapter} from './apt/index.js';
import {createDnfAdapter} from './dnf/index.js';
import {createZypperAdapter} from './zypper/index.js';

/**
 * ManagerId → adapter. Managers without an adapter yet are refused with exit 5 and say so,
 * rather than pretending to collect.
 */
export function adapterFor(manager: ManagerId): PackageManagerAdapter {
  switch (manager) {
    case 'apt':
      return createAptAdapter();
    case 'zypper':
      return createZypperAdapter();
    case 'dnf':
      return createDnfAdapter('dnf');
    case 'yum':
      return createDnfAdapter('yum');
    case 'macos':
    case 'windows':
      throw new ManagerUnavailableError(
        manager,
        'live collection and installs are not implemented for this package manager yet; plan offline with --inventory FILE',
      );
  }
}
