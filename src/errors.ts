import type {z} from 'zod';

/**
 * Every error patchplan expects to happen carries the exit code of the CLI contract and
 * the place it is about (`baseline.json: ApprovalRules.PatchRules[2].ApproveAfterDays`).
 * `cli/report-error.ts` turns any of them into exactly one stderr line.
 */
export abstract class PatchplanError extends Error {
  abstract readonly exitCode: number;
  /** Where the problem is: a file and JSON path, a command, a line. Empty when it is global. */
  readonly where: string;

  constructor(where: string, message: string) {
    super(message);
    this.where = where;
    this.name = new.target.name;
  }

  /** The one line the CLI prints. */
  line(): string {
    return this.where ? `${this.where}: ${this.message}` : this.message;
  }
}

/** Bad input: a baseline, inventory, plan file, override list or flag. Exit 1. */
export class InputError extends PatchplanError {
  readonly exitCode = 1;
}

/** `apply` refused the plan; nothing was installed. Exit 3. */
export class PlanRefusedError extends PatchplanError {
  readonly exitCode = 3;
  readonly refusals: readonly string[];

  constructor(where: string, refusals: readonly string[]) {
    super(where, refusals.join('; '));
    this.refusals = refusals;
  }
}

/** The package manager is missing or locked by another process. Exit 5. */
export class ManagerUnavailableError extends PatchplanError {
  readonly exitCode = 5;
}

/** A package manager command failed in a way that is not about one package. Exit 1. */
export class ExternalCommandError extends PatchplanError {
  readonly exitCode = 1;
}

/** The user cancelled an interactive confirmation. Exit 1, with a short message. */
export class CancelledError extends PatchplanError {
  readonly exitCode = 1;
}

/** Renders a zod issue path the way the contract prints JSON paths: `A.B[2].C`. */
export function formatJsonPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

/** Builds the InputError for the first zod issue, naming the source file and JSON path. */
export function inputErrorFromZod(source: string, error: z.ZodError): InputError {
  const issue = error.issues[0];
  if (!issue) return new InputError(source, 'invalid document');
  const path = formatJsonPath(issue.path);
  return new InputError(path ? `${source}: ${path}` : source, issue.message);
}

/**
 * Stopped by SIGINT (exit 130) or SIGTERM (exit 143) at a point where there are no results to
 * report: before anything was installed, or after a second signal killed the installer.
 */
export class InterruptedError extends PatchplanError {
  readonly exitCode: number;

  constructor(signal: 'SIGINT' | 'SIGTERM', where: string, message: string) {
    super(where, message);
    this.exitCode = signal === 'SIGINT' ? 130 : 143;
  }
}
