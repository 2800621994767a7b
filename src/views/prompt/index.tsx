import {render} from 'ink';

import {chooseColorLevel} from '../../cli/streams.js';

import {confirmationFor} from '../../apply/confirmation.js';
import type {Plan} from '../../plan/schema.js';
import {summaryLine} from '../plan/labels.js';
import {ConfirmPrompt} from './ConfirmPrompt.js';

export interface PromptIo {
  readonly stdin: NodeJS.ReadStream;
  /** Where the prompt draws: stderr, so stdout keeps only the plan and the results. */
  readonly output: NodeJS.WriteStream;
  /** Colour on the prompt (streams.stderrColor); by default streams.ts's rule for `output` (--no-color, FORCE_COLOR, NO_COLOR, TERM). */
  readonly color?: boolean;
}

/** Asks whether to apply `plan`; resolves true only for the exact phrase (see ConfirmPrompt). */
export async function confirmApply(plan: Plan, io: PromptIo): Promise<boolean> {
  let approved = false;
  const instance = render(
    <ConfirmPrompt
      confirmation={confirmationFor(plan)}
      hostname={plan.node.hostname}
      root={plan.node.root}
      color={io.color ?? promptColor(io.output)}
      rebootOption={plan.options.rebootOption}
      summary={summaryLine(plan)}
      onAnswer={(answer) => {
        approved = answer;
      }}
    />,
    // Ctrl+C is an answer ("no"), not a kill: ink must restore the terminal before apply exits.
    {stdin: io.stdin, stdout: io.output, exitOnCtrlC: false, patchConsole: false},
  );
  await instance.waitUntilExit();
  return approved;
}

/** The commands do not pass their --no-color here yet: read it from argv, as chalk itself does. */
function promptColor(output: NodeJS.WriteStream): boolean {
  const argv = process.argv.slice(2);
  const end = argv.indexOf('--');
  const noColorFlag = (end === -1 ? argv : argv.slice(0, end)).includes('--no-color');
  return chooseColorLevel(process.env, {noColorFlag, isTTY: Boolean(output.isTTY)}) > 0;
}
