import {loadPredefinedBaseline, parseBaseline, type LoadedBaseline} from '../baseline/load.js';
import {PREDEFINED_BASELINES} from '../baseline/predefined/index.js';
import type {OperatingSystem} from '../core/ids.js';
import {readInputText, type InputReader} from '../system/input-files.js';

/**
 * The `baseline list|show|validate` services: no flag parsing, no printing. The commands
 * hand the results to their views.
 */

export interface BaselineSummary {
  readonly name: string;
  readonly operatingSystem: OperatingSystem;
  readonly description: string;
  /** The default baseline for its OS (what `plan` uses when no --baseline is given). */
  readonly default: boolean;
  readonly aliases: readonly string[];
}

export function listBaselines(): BaselineSummary[] {
  return PREDEFINED_BASELINES.map((b) => ({
    name: b.name,
    operatingSystem: b.operatingSystem,
    description: b.document.Description ?? '',
    default: b.isDefault,
    aliases: b.aliases,
  }));
}

export interface ShowBaselineOptions {
  /** A predefined baseline's name or alias. */
  readonly id: string;
}

export function showBaseline(options: ShowBaselineOptions): LoadedBaseline {
  return loadPredefinedBaseline(options.id);
}

export interface ValidateBaselineOptions {
  readonly file: string;
  /** DECISION-8: NAME/ARCH/… filter keys are warnings instead of errors. */
  readonly lenient: boolean;
}

export interface BaselineValidation {
  readonly file: string;
  readonly loaded: LoadedBaseline;
}

/** Reads and checks a baseline file; throws the first error as an InputError (exit 1). */
export async function validateBaseline(
  options: ValidateBaselineOptions,
  deps: {readonly fs: InputReader},
): Promise<BaselineValidation> {
  const text = await readInputText(deps.fs, options.file, 'baseline');
  return {file: options.file, loaded: parseBaseline(text, options.file, {lenient: options.lenient})};
}
