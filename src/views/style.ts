import {stripVTControlCharacters} from 'node:util';

import {Chalk} from 'chalk';

/**
 * The few terminal styles the views use, from chalk. Every function returns the text unchanged
 * when colour is off (no TTY, NO_COLOR, --no-color), so views never branch on colour themselves.
 */
export interface Style {
  readonly bold: (text: string) => string;
  readonly dim: (text: string) => string;
  readonly red: (text: string) => string;
  readonly green: (text: string) => string;
  readonly yellow: (text: string) => string;
  readonly cyan: (text: string) => string;
}

export function createStyle(color: boolean): Style {
  // Level 1 (16 colours) is all the views use; it works on every terminal that has colour.
  const chalk = new Chalk({level: color ? 1 : 0});
  return {
    bold: (text) => chalk.bold(text),
    dim: (text) => chalk.dim(text),
    red: (text) => chalk.red(text),
    green: (text) => chalk.green(text),
    yellow: (text) => chalk.yellow(text),
    cyan: (text) => chalk.cyan(text),
  };
}

/** Removes escape sequences: for measuring styled text, and for tests. */
export function stripStyle(text: string): string {
  return stripVTControlCharacters(text);
}
