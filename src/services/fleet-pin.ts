import type {Runtime} from '../cli/runtime.js';
import type {ManagerId} from '../core/ids.js';
import {PatchplanError} from '../errors.js';
import {collectPins, parseApplyResultText, PIN_FILE_MODE, pinManager, serializePinFile, type PinFile, type ResultForPins} from '../plan/pin-file.js';
import {readInputText} from '../system/input-files.js';
import {expandJsonInputs} from './fleet-files.js';

export interface FleetPinOptions {
  /** `apply --json` result files and directories of `*.json` result files, as given. */
  readonly inputs: readonly string[];
  /** `--manager`; undefined: the one the results name (pinManager). */
  readonly manager: ManagerId | undefined;
  /** `--out`: where the pin file is written (atomically, mode 0644). */
  readonly outFile: string;
}

/** The pin file written, or every result file that could not be read (nothing written then). */
export type FleetPinOutcome =
  | {readonly pins: PinFile; readonly manager: ManagerId; readonly refused: readonly []}
  | {readonly pins: null; readonly refused: readonly PatchplanError[]};

/**
 * `patchplan fleet pin`: reads every result (each one that cannot be read or is not an apply
 * result is refused, and all are named), settles the manager (pinManager), collects the
 * versions the ring validated, refuses a package validated at two versions (thrown), and only then writes the pin file: on any error
 * nothing is written.
 */
export async function fleetPin(options: FleetPinOptions, deps: Pick<Runtime, 'fs' | 'clock'>): Promise<FleetPinOutcome> {
  const files = await expandJsonInputs(options.inputs, deps.fs, 'apply results');
  const results: {file: string; result: ResultForPins}[] = [];
  const refused: PatchplanError[] = [];
  for (const file of files) {
    try {
      results.push({file, result: parseApplyResultText(await readInputText(deps.fs, file, 'apply result'), file)});
    } catch (error) {
      if (!(error instanceof PatchplanError)) throw error;
      refused.push(error);
    }
  }
  if (refused.length > 0) return {pins: null, refused};
  const manager = pinManager(results, options.manager);
  const pins = collectPins({results, manager, createdAt: deps.clock.now()});
  await deps.fs.writeAtomic(options.outFile, serializePinFile(pins), PIN_FILE_MODE);
  return {pins, manager, refused: []};
}
