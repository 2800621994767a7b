import {describe, expect, it} from 'vitest';

import {stripStyle} from '../../src/views/style.js';
import {displayWidth} from '../../src/views/text.js';
import {runCli} from '../helpers/cli.js';

/** The built CLI with stdout piped (as `| less -R` or a CI log has it): colour and width from the environment. */
const PLAN = ['plan', '--inventory', 'fixtures/inventories/debian-12.json', '--now', '2026-11-24'];
const ESC = '\u001b[';

async function out(args: readonly string[], env: Record<string, string> = {}): Promise<string> {
  const result = await runCli(args, {env});
  // Node itself says so when both are set (and honours FORCE_COLOR, as patchplan does).
  expect(result.stderr.replace(/^\(node:\d+\) Warning: The 'NO_COLOR' env is ignored due to the 'FORCE_COLOR' env being set\.\n(?:\(Use .*\n)?/, '')).toBe('');
  expect(result.exitCode).toBe(0);
  return result.stdout;
}

describe('colour and width when piped', () => {
  it('no colour by default; FORCE_COLOR=1/2/3 colours a pipe; FORCE_COLOR=0, --no-color and NO_COLOR turn it off', async () => {
    expect(await out(PLAN)).not.toContain(ESC);
    for (const level of ['1', '2', '3', '']) expect(await out(PLAN, {FORCE_COLOR: level}), `FORCE_COLOR=${level}`).toContain(ESC);
    expect(await out(PLAN, {FORCE_COLOR: '0'})).not.toContain(ESC);
    expect(await out([...PLAN, '--no-color'], {FORCE_COLOR: '1'})).not.toContain(ESC);
    expect(await out(PLAN, {NO_COLOR: '1'})).not.toContain(ESC);
    // As in Node: an explicit FORCE_COLOR outranks NO_COLOR.
    expect(await out(PLAN, {NO_COLOR: '1', FORCE_COLOR: '1'})).toContain(ESC);
    expect(stripStyle(await out(PLAN, {FORCE_COLOR: '1'}))).toBe(await out(PLAN));
  });

  it.each(['40', '60', '80'])('COLUMNS=%s: no line of plan (coloured or not) or plan --verbose is wider', async (columns) => {
    for (const [args, env] of [
      [PLAN, {}],
      [PLAN, {FORCE_COLOR: '1'}],
      [[...PLAN, '--verbose'], {}],
    ] as const) {
      const text = stripStyle(await out(args, {COLUMNS: columns, ...env}));
      expect(Math.max(...text.split('\n').map(displayWidth)), args.join(' ')).toBe(Number(columns));
    }
  });
});
