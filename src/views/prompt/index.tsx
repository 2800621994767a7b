import {render} from 'ink';

import {confirmationFor} from '../../apply/confirmation.js';
import type {Plan} from '../../plan/schema.js';
import {summaryLine} from '../plan/labels.js';
import {ConfirmPrompt} from './ConfirmPrompt.js';

export interface PromptIo {
  readonly stdin: NodeJS.ReadStream;
  /** Where the prompt draws: stderr, so stdout keeps only the plan and the results. */
  readonly output: NodeJS.WriteStream;
}

/** Asks whether to apply `plan`; resolves true only for the exact phrase (see ConfirmPrompt). */
export async function confirmApply(plan: Plan, io: PromptIo): Promise<boolean> {
  let approved = false;
  const instance = render(
    <ConfirmPrompt
      confirmation={confirmationFor(plan)}
      hostname={plan.node.hostname}
      root={plan.node.root}
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
