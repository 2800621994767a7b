import type {StopSignal} from '../../system/interrupts.js';

/** What patchplan says on stderr the moment a signal arrives while it applies. */
export function interruptNotice(signal: StopSignal, first: boolean): string {
  const what = signal === 'SIGINT' ? 'Ctrl+C (SIGINT)' : 'SIGTERM';
  if (first) {
    return `\n${what}: stopping at the next safe point; the installer finishes the package in progress, then the results are read back. ${
      signal === 'SIGINT' ? 'Press Ctrl+C again' : 'Send SIGTERM again'
    } to abort at once (packages may be left half-installed; applying the plan again repairs them).\n`;
  }
  return `\n${what} again: aborting now; the installer is killed mid-transaction.\n`;
}
