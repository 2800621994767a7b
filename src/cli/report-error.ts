import {PatchplanError} from '../errors.js';
import {visibleLine} from '../views/safe-text.js';
import type {OutputStream} from './streams.js';

/**
 * The one place errors become output: exactly one line on stderr (plus the stack only with
 * PATCHPLAN_DEBUG=1) and the exit code of the contract. Returns the exit code.
 */
export function reportError(error: unknown, stderr: OutputStream, env: Readonly<Record<string, string | undefined>>): number {
  const debug = env.PATCHPLAN_DEBUG === '1';
  let line: string;
  let exitCode: number;
  if (error instanceof PatchplanError) {
    line = `error: ${error.line()}`;
    exitCode = error.exitCode;
  } else if (isOclifUsageError(error)) {
    // Flag and argument parse errors from oclif: bad input, exit 1. oclif spreads them over
    // lines ("Missing 1 required arg:\nplan  The plan file…"); the first line alone names nothing.
    line = `error: ${joinLines(error.message)}`;
    exitCode = 1;
  } else {
    const message = error instanceof Error ? error.message : String(error);
    line = `internal error: ${firstLine(message)} (rerun with PATCHPLAN_DEBUG=1 for details)`;
    exitCode = 1;
  }
  stderr.write(`${oneLine(line)}\n`);
  if (debug && error instanceof Error && error.stack) stderr.write(`${error.stack}\n`);
  return exitCode;
}

function joinLines(text: string): string {
  return text
    .split('\n')
    .map((l) => l.trim().replace(/\s{2,}/g, ' '))
    .filter((l) => l !== '' && !/^See more help with --help$/.test(l) && !/^The following errors? occurred:$/.test(l))
    .join(' ');
}

function firstLine(text: string): string {
  return text.split('\n').find((l) => l.trim() !== '')?.trim() ?? text;
}

/**
 * One line, and nothing in it a terminal acts on: line breaks become spaces, and control
 * characters from a repository or file (an escape sequence in a package name) are shown escaped.
 */
function oneLine(text: string): string {
  return visibleLine(text.replace(/[\r\n]+/g, ' '));
}

function isOclifUsageError(error: unknown): error is Error {
  if (!(error instanceof Error)) return false;
  const oclif = (error as {oclif?: unknown}).oclif;
  const name = error.constructor?.name ?? '';
  return (
    oclif !== undefined ||
    /Flag|Arg|Parse|Validation|Options|RequiredArg|UnexpectedArgs|NonExistent/i.test(name)
  );
}
