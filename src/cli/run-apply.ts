import {applyPlan, type ApplyPlanDeps, type ApplyPlanOptions} from '../services/apply-plan.js';
import {describeArgv} from '../system/runner.js';
import {createApplyView} from '../views/apply/index.js';
import {createProgressDisplay} from '../views/apply/progress.js';
import {watchSignals} from '../system/interrupts.js';
import {interruptNotice} from '../views/apply/interrupt-text.js';
import type {Runtime} from './runtime.js';

/**
 * The end of every command that installs (`apply`, and `a` in `plan --interactive`): the
 * progress display while the service runs, the results, the exit code, then the reboot, last,
 * because once it starts nothing printed later is sure to reach anyone.
 */
export async function runApply(
  options: ApplyPlanOptions,
  runtime: Runtime,
  io: {readonly json: boolean; readonly approve?: ApplyPlanDeps['approve']; readonly setExitCode: (code: number) => void},
): Promise<void> {
  const {streams} = runtime;
  const progress = createProgressDisplay(streams.stderr, {debug: runtime.env.PATCHPLAN_DEBUG === '1'});
  const approve = io.approve;
  // From here on Ctrl+C and SIGTERM stop the install at a safe point instead of killing
  // patchplan (the installer runs in its own process group and never sees the terminal's).
  const interrupts = watchSignals(process, (signal, first) => {
    progress.stop();
    streams.stderr.write(interruptNotice(signal, first));
  });
  let outcome;
  try {
    outcome = await applyPlan(options, {...runtime, interrupts}, {
      progress,
      // The prompt draws on the terminal: the live line must be gone first.
      ...(approve ? {approve: (plan, review) => (progress.stop(), approve(plan, review))} : {}),
    });
  } finally {
    progress.stop();
    interrupts.dispose();
  }
  const view = createApplyView(io.json ? 'json' : 'human', streams);
  view.result(outcome.result);
  io.setExitCode(outcome.exitCode);
  if (outcome.rebooter) {
    view.rebooting(describeArgv(outcome.rebooter.argv));
    await outcome.rebooter.reboot();
  }
}
