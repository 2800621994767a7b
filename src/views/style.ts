import {stripVTControlCharacters} from 'node:util';

import {Chalk} from 'chalk';

import type {ColorLevel} from '../cli/streams.js';

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

/**
 * `color` is streams.color or streams.colorLevel. chalk gets an explicit level, never its own
 * guess from process.stdout and process.argv (streams.ts decides, from --no-color, FORCE_COLOR,
 * NO_COLOR and the terminal). `true` is level 1: 16 colours are all the views use.
 */
export function createStyle(color: boolean | ColorLevel): Style {
  const chalk = new Chalk({level: color === true ? 1 : color === false ? 0 : color});
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
