import {verifyApprovals} from '../approval/verify.js';
import type {Runtime} from '../cli/runtime.js';
import {PatchplanError} from '../errors.js';
import {createFleetAccumulator, type FleetReport} from '../plan/fleet-report.js';
import {parsePlanText} from '../plan/file.js';
import {readInputText} from '../system/input-files.js';
import {expandJsonInputs} from './fleet-files.js';

export interface FleetReportOptions {
  /** Plan files and directories of `*.json` plan files, as given. */
  readonly inputs: readonly string[];
}

/** Files read ahead while the previous ones are verified and counted. */
const READ_AHEAD = 16;

/**
 * `patchplan fleet report`: every plan is read and verified as `show` does (integrity first);
 * one that fails is recorded as refused (its one error line and exit code) and the others are
 * still counted. Plans are streamed: a few files are read ahead, each is parsed, verified and
 * added to the counts, then dropped, so memory grows with the packages and nodes, not with the
 * plans' decisions.
 */
export async function fleetReport(options: FleetReportOptions, deps: Pick<Runtime, 'fs'>): Promise<FleetReport> {
  const files = await expandJsonInputs(options.inputs, deps.fs, 'plan files');
  const acc = createFleetAccumulator();
  const read = (file: string): Promise<string | PatchplanError> =>
    readInputText(deps.fs, file, 'plan').catch((error: unknown) => {
      if (error instanceof PatchplanError) return error;
      throw error;
    });
  const pending = files.slice(0, READ_AHEAD).map(read);
  for (const [i, file] of files.entries()) {
    const next = files[i + READ_AHEAD];
    if (next !== undefined) pending.push(read(next));
    const text = await pending[i];
    pending[i] = Promise.resolve(''); // let the text go
    try {
      if (text instanceof PatchplanError) throw text;
      const plan = parsePlanText(text ?? '', file);
      const valid = (plan.approvals ?? []).length === 0 ? 0 : verifyApprovals(plan, null).checks.filter((c) => c.valid).length;
      acc.add(file, plan, valid);
    } catch (error) {
      if (!(error instanceof PatchplanError)) throw error;
      acc.refuse({file, exitCode: error.exitCode, error: error.line()});
    }
  }
  return acc.finish();
}
