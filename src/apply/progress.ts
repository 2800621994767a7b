import type {PlannedInstall} from '../core/install.js';
import type {Logger} from '../core/logger.js';
import type {ManagerId} from '../core/ids.js';

/**
 * What `apply` is doing, for a progress display. The service reports steps through this port
 * and never renders; the command gives it a view that draws on stderr (stdout carries only
 * the result). While the installer runs, the adapter's structured events (package N of M, the
 * package in progress and its phase: Logger.installProgress) arrive through the same port.
 */
export type ApplyStep =
  | {readonly step: 'planning'}
  | {readonly step: 'collecting'}
  | {readonly step: 'installing'; readonly manager: ManagerId; readonly packages: readonly PlannedInstall[]}
  | {readonly step: 'verifying'}
  | {readonly step: 'finished'};

export interface ApplyProgress extends Logger {
  step(event: ApplyStep): void;
}

export const silentProgress: ApplyProgress = {step: () => {}, progress: () => {}, debug: () => {}};
