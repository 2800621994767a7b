import type {InstallProgressEvent} from './install.js';

/**
 * Where services and package managers report progress. The CLI's implementation writes to
 * stderr (views/progress.ts); tests collect the lines.
 */
export interface Logger {
  /** Progress for humans (stderr; never stdout). */
  progress(message: string): void;
  debug(message: string): void;
  /**
   * Structured progress while an installer runs (install-progress.ts), read from the tool's
   * own progress output. Optional: a logger without it just gets no events.
   */
  installProgress?(event: InstallProgressEvent): void;
}

export const silentLogger: Logger = {progress: () => {}, debug: () => {}};
