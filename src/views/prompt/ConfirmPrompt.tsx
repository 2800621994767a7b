import {Box, Text, useApp, useInput} from 'ink';
import {useEffect, useState} from 'react';

import type {Confirmation} from '../../apply/approval.js';

export interface ConfirmPromptProps {
  readonly confirmation: Confirmation;
  /** The node the plan is for, named in the question. */
  readonly hostname: string;
  readonly rebootOption: string;
  /** `Plan: 3 to install, 5 skipped.` */
  readonly summary: string;
  /** Called once: true only when exactly the phrase was typed and Enter pressed. */
  readonly onAnswer: (approved: boolean) => void;
}

type State = {readonly phase: 'typing'; readonly value: string} | {readonly phase: 'answered'; readonly approved: boolean};

/**
 * Terraform's approval: the plan has just been shown above; only the exact phrase approves,
 * anything else (a `y`, an empty line, Esc, Ctrl+C) cancels. A dangerous plan (a kernel under
 * an option that reboots) asks for the host name instead of `yes`.
 */
export function ConfirmPrompt({confirmation, hostname, rebootOption, summary, onAnswer}: ConfirmPromptProps) {
  const {exit} = useApp();
  const [state, setState] = useState<State>({phase: 'typing', value: ''});

  const answer = (approved: boolean): void => {
    setState({phase: 'answered', approved});
    onAnswer(approved);
  };

  // Exit only after the answer has been drawn, so the terminal keeps "Approved." or "Apply cancelled.".
  useEffect(() => {
    if (state.phase === 'answered') exit();
  }, [state, exit]);

  useInput(
    (input, key) => {
      if (state.phase !== 'typing') return;
      if (key.escape || (key.ctrl && input === 'c')) return answer(false);
      if (key.return) return answer(state.value === confirmation.phrase);
      if (key.backspace || key.delete) return setState({phase: 'typing', value: state.value.slice(0, -1)});
      if (key.ctrl || key.meta || key.tab || key.upArrow || key.downArrow || key.leftArrow || key.rightArrow) return;
      // Pasted text arrives as one chunk, possibly with its trailing newline.
      const typed = input.replace(/[\r\n]+$/, '');
      const value = state.value + typed;
      if (typed !== input) return answer(value === confirmation.phrase);
      setState({phase: 'typing', value});
    },
    {isActive: state.phase === 'typing'},
  );

  return (
    <Box flexDirection="column">
      <Text bold>Do you want to apply this plan to {hostname}?</Text>
      <Text>
        {'  '}
        {summary} Reboot option: {rebootOption}.
      </Text>
      <Text>{'  patchplan will install exactly the versions shown above.'}</Text>
      {confirmation.kind === 'dangerous' ? (
        <>
          <Text color="yellow">
            {'  '}
            This plan installs a new kernel ({confirmation.kernels.join(', ')}) and {rebootOption} will reboot {hostname}.
          </Text>
          <Text>
            {'  '}Type the host name <Text bold>{confirmation.phrase}</Text> to approve.
          </Text>
        </>
      ) : (
        <Text>{"  Only 'yes' will be accepted to approve."}</Text>
      )}
      <Text> </Text>
      {state.phase === 'typing' ? (
        <Text>
          {'  '}
          <Text bold>Enter a value:</Text> {state.value}
          <Text inverse> </Text>
        </Text>
      ) : state.approved ? (
        <Text color="green">{'  '}Approved.</Text>
      ) : (
        <Text color="red">{'  '}Apply cancelled.</Text>
      )}
    </Box>
  );
}
