/**
 * Ctrl+C and `kill` while patchplan installs. The installer runs in its own process group
 * (runner.ts `ownProcessGroup`), so a terminal's Ctrl+C reaches patchplan only, and patchplan
 * decides what the installer gets:
 *   first SIGINT/SIGTERM   `stop`: the installer is asked to finish the package in progress
 *                          and stop at a safe point (apt-get: SIGINT, which lets dpkg finish
 *                          its current run); the results are read back and reported
 *   second one             `abort`: the installer's whole process group is killed at once
 */

export type StopSignal = 'SIGINT' | 'SIGTERM';

export interface Interrupts {
  /** Aborted on the first SIGINT or SIGTERM; its reason is the signal's name. */
  readonly stop: AbortSignal;
  /** Aborted on the second. */
  readonly abort: AbortSignal;
  /** The first signal received, or null. */
  received(): StopSignal | null;
}

/** The exit code of a run stopped by a signal, as shells report it (128 + the signal's number). */
export const INTERRUPTED_EXIT_CODE: Readonly<Record<StopSignal, 130 | 143>> = {SIGINT: 130, SIGTERM: 143};

/** For runs nobody can interrupt (tests, services called without a terminal). */
export const neverInterrupted: Interrupts = {
  stop: new AbortController().signal,
  abort: new AbortController().signal,
  received: () => null,
};

export interface SignalSource {
  on(signal: StopSignal, listener: () => void): unknown;
  off(signal: StopSignal, listener: () => void): unknown;
}

export interface WatchedInterrupts extends Interrupts {
  /** Removes the handlers: after it, the signals have their default effect again. */
  dispose(): void;
}

/**
 * Catches SIGINT and SIGTERM from `source` (the process) until `dispose`. `onSignal` is told
 * each time, with whether it was the first, so the view can say what happens next.
 */
export function watchSignals(source: SignalSource, onSignal: (signal: StopSignal, first: boolean) => void): WatchedInterrupts {
  const stop = new AbortController();
  const abort = new AbortController();
  let first: StopSignal | null = null;
  const handle = (signal: StopSignal): void => {
    if (first === null) {
      first = signal;
      onSignal(signal, true);
      stop.abort(signal);
      return;
    }
    onSignal(signal, false);
    abort.abort(signal);
  };
  const onInt = (): void => handle('SIGINT');
  const onTerm = (): void => handle('SIGTERM');
  source.on('SIGINT', onInt);
  source.on('SIGTERM', onTerm);
  return {
    stop: stop.signal,
    abort: abort.signal,
    received: () => first,
    dispose() {
      source.off('SIGINT', onInt);
      source.off('SIGTERM', onTerm);
    },
  };
}
