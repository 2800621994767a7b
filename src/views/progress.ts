import type {Logger} from '../core/logger.js';
import type {Streams} from '../cli/streams.js';

/**
 * Progress goes to stderr, never stdout (stdout is reserved for the result, and for JSON
 * under --json). Debug lines appear only with PATCHPLAN_DEBUG=1.
 */
export function stderrLogger(streams: Streams, env: Readonly<Record<string, string | undefined>>): Logger {
  const debug = env.PATCHPLAN_DEBUG === '1';
  return {
    progress: (message) => streams.stderr.write(`${message}\n`),
    debug: (message) => {
      if (debug) streams.stderr.write(`debug: ${message}\n`);
    },
  };
}
