import {Box, Text, useApp, useInput} from 'ink';
import {useEffect, useRef, useState} from 'react';

import {PatchplanError} from '../../errors.js';
import type {Plan} from '../../plan/schema.js';
import {keyToAction, splitKeys} from './keys.js';
import {initialState, reviewReducer, type ReviewAction, type ReviewContext, type ReviewState, type SavedPlan} from './review-state.js';
import {reviewScreen, type ScreenLine, type TerminalSize} from './screen.js';
import type {Tone} from './text.js';

/** How the review ended: `apply` hands the reviewed plan to apply's confirmation; `quit` writes nothing more. */
export interface ReviewOutcome {
  readonly kind: 'quit' | 'apply';
  /** The plan as reviewed (the engine's plan with the reviewer's exclusions, re-digested). */
  readonly plan: Plan;
  /** The last save in this review, if any. */
  readonly saved: SavedPlan | null;
}

export interface ReviewAppProps {
  readonly plan: Plan;
  readonly context: ReviewContext;
  readonly size: TerminalSize;
  /** Colour on (a TTY without NO_COLOR or --no-color); off, the selection is the `>` marker alone. */
  readonly color: boolean;
  /** Writes the plan file (atomically, 0600); a rejection's message is shown, and the review goes on. */
  readonly save: (file: string, plan: Plan) => Promise<void>;
  /** Called once, just before the app exits. */
  readonly onExit: (outcome: ReviewOutcome) => void;
}

/**
 * The interactive review (`plan --interactive`, `apply` on a terminal). The state lives in a
 * pure reducer (review-state.ts) and the screen is a pure function of it (screen.ts); this
 * component only turns keys into actions, carries out effects and draws the lines.
 */
export function ReviewApp({plan, context, size, color, save, onExit}: ReviewAppProps) {
  const {exit} = useApp();
  // Keys can arrive faster than React re-renders (a paste, tmux send-keys): each key is
  // mapped against the state the previous key produced, held in a ref, not the last drawn one.
  const current = useRef<ReviewState | null>(null);
  current.current ??= initialState(plan, context);
  const [state, setState] = useState<ReviewState>(current.current);
  const sizeRef = useRef(size);
  sizeRef.current = size;

  const dispatch = (action: ReviewAction): void => {
    const before = current.current;
    if (before === null) return;
    current.current = reviewReducer(before, action);
    setState(current.current);
  };

  useInput((input, key) => {
    for (const [char, charKey] of splitKeys(input, key)) {
      const now = current.current;
      if (now === null || now.effect !== null) return;
      const action = keyToAction(now.mode, char, charKey, () => reviewScreen(now, sizeRef.current, {color}).view);
      if (action !== null) dispatch(action);
    }
  });

  const effect = state.effect;
  useEffect(() => {
    if (effect?.kind === 'save') {
      const plan = state.plan;
      save(effect.file, plan).then(
        () => dispatch({type: 'saved', file: effect.file, digest: plan.digest}),
        (error: unknown) => dispatch({type: 'saveFailed', message: errorLine(error)}),
      );
    } else if (effect?.kind === 'quit' || effect?.kind === 'apply') {
      onExit({kind: effect.kind, plan: state.plan, saved: state.saved});
      exit();
    }
    // Only a new effect starts work; the state it reads is the one that produced it.
  }, [effect]);

  const screen = reviewScreen(state, size, {color});
  return (
    <Box flexDirection="column">
      {screen.lines.map((line, i) => (
        <Row key={i} line={line} color={color} />
      ))}
    </Box>
  );
}

function Row({line, color}: {readonly line: ScreenLine; readonly color: boolean}) {
  if (line.spans.length === 0) return <Text> </Text>;
  return (
    <Text wrap="truncate-end" inverse={color && line.selected === true}>
      {line.spans.map((s, i) => (
        <Text key={i} {...toneProps(s.tone, color)}>
          {s.text}
        </Text>
      ))}
    </Text>
  );
}

type ToneProps = {bold?: boolean; dimColor?: boolean; color?: string; inverse?: boolean};

/** Without colour nothing is styled: NO_COLOR users get the same text, marked by `>`, `x`, `~`. */
function toneProps(tone: Tone, color: boolean): ToneProps {
  if (!color) return {};
  switch (tone) {
    case 'plain':
      return {};
    case 'bold':
      return {bold: true};
    case 'dim':
      return {dimColor: true};
    case 'inverse':
      return {inverse: true};
    default:
      return {color: tone};
  }
}

/** One line for the status row: a PatchplanError's `where: message`, else the error's message. */
function errorLine(error: unknown): string {
  if (error instanceof PatchplanError) return error.line();
  return error instanceof Error ? error.message : String(error);
}
