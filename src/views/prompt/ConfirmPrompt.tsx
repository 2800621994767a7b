import {Box, Text, useApp, useInput} from 'ink';
import {useEffect, useRef, useState} from 'react';

import type {Confirmation} from '../../apply/confirmation.js';
import {visibleLine} from '../safe-text.js';

export interface ConfirmPromptProps {
  readonly confirmation: Confirmation;
  /** The node the plan is for, named in the question. */
  readonly hostname: string;
  /** The root the plan installs into (`/`, or `--root`'s directory), named with the host. */
  readonly root: string;
  readonly rebootOption: string;
  /** `Plan: 3 to install, 5 skipped.` */
  readonly summary: string;
  /** Called once: true only when exactly the phrase was typed and Enter pressed. */
  readonly onAnswer: (approved: boolean) => void;
  /**
   * Colour and attributes (bold, inverse); false under --no-color, NO_COLOR or FORCE_COLOR=0.
   * ink's chalk would not know about NO_COLOR, so the prompt does not ask it for any style then.
   */
  readonly color?: boolean;
}

/**
 * Terraform's approval: the plan has just been shown above; only the exact phrase approves,
 * anything else (a `y`, an empty line, Esc, Ctrl+C) cancels. A dangerous plan (a kernel under
 * an option that reboots) asks for the host name instead of `yes`.
 */
export function ConfirmPrompt({confirmation, hostname, root, rebootOption, summary, onAnswer, color = true}: ConfirmPromptProps) {
  const {exit} = useApp();
  // Keys can arrive faster than React re-renders; refs keep every keystroke and the single
  // answer, state only redraws them.
  const typed = useRef('');
  const answered = useRef(false);
  const [shown, setShown] = useState('');
  const [answer, setAnswer] = useState<boolean | null>(null);

  const decide = (approved: boolean): void => {
    if (answered.current) return;
    answered.current = true;
    setAnswer(approved);
    onAnswer(approved);
  };

  // Exit only after the answer has been drawn, so the terminal keeps "Approved." or "Apply cancelled.".
  useEffect(() => {
    if (answer !== null) exit();
  }, [answer, exit]);

  useInput(
    (input, key) => {
      if (answered.current) return;
      if (key.escape || (key.ctrl && input === 'c')) return decide(false);
      if (key.return) return decide(typed.current === confirmation.phrase);
      if (key.backspace || key.delete) {
        typed.current = typed.current.slice(0, -1);
        return setShown(typed.current);
      }
      if (key.ctrl || key.meta || key.tab || key.upArrow || key.downArrow || key.leftArrow || key.rightArrow) return;
      // Pasted text arrives as one chunk, possibly with its trailing newline.
      const text = input.replace(/[\r\n]+$/, '');
      typed.current += text;
      if (text !== input) return decide(typed.current === confirmation.phrase);
      setShown(typed.current);
    },
    {isActive: answer === null},
  );

  return (
    <Box flexDirection="column">
      <Text bold={color}>
        Apply this plan to {visibleLine(hostname)} (root {visibleLine(root)})?
      </Text>
      <Text>
        {'  '}
        {summary} Reboot option: {rebootOption}.
      </Text>
      <Text>{'  patchplan will install exactly the versions shown above.'}</Text>
      {confirmation.kind === 'dangerous' ? (
        <>
          <Text color={color ? 'yellow' : undefined}>
            {'  '}
            This plan installs a new kernel ({visibleLine(confirmation.kernels.join(', '))}) and {rebootOption} will reboot {visibleLine(hostname)}.
          </Text>
          <Text>
            {'  '}Type the host name <Text bold={color}>{visibleLine(confirmation.phrase)}</Text> to approve.
          </Text>
        </>
      ) : (
        <Text>{"  Only 'yes' will be accepted to approve."}</Text>
      )}
      <Text> </Text>
      {answer === null ? (
        <Text>
          {'  '}
          <Text bold={color}>Enter a value:</Text> {visibleLine(shown)}
          {color ? <Text inverse> </Text> : null}
        </Text>
      ) : answer ? (
        <Text color={color ? 'green' : undefined}>{'  '}Approved.</Text>
      ) : (
        <Text color={color ? 'red' : undefined}>{'  '}Apply cancelled.</Text>
      )}
    </Box>
  );
}
