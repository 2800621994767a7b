import chalk from 'chalk';
import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';

import type {Confirmation} from '../../../src/apply/confirmation.js';
import {ConfirmPrompt} from '../../../src/views/prompt/ConfirmPrompt.js';
import {stripStyle} from '../../../src/views/style.js';
import {expectNoControls} from '../../helpers/hostile.js';

/** ink applies input on the next tick. */
const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 20));

function prompt(confirmation: Confirmation = {kind: 'yes', phrase: 'yes'}) {
  const answers: boolean[] = [];
  const instance = render(
    <ConfirmPrompt
      confirmation={confirmation}
      hostname="web-01"
      root="/srv/image"
      rebootOption="RebootIfNeeded"
      summary="Plan: 2 to install, 1 skipped."
      onAnswer={(approved) => answers.push(approved)}
    />,
  );
  const frame = (): string => stripStyle(instance.lastFrame() ?? '');
  const type = async (...chunks: string[]): Promise<void> => {
    // ink attaches its stdin listener in an effect after the first render.
    await tick();
    for (const chunk of chunks) {
      instance.stdin.write(chunk);
      await tick();
    }
  };
  return {answers, frame, type, instance};
}

const ENTER = '\r';
const BACKSPACE = '\u007f';
const ESCAPE = '\u001b';

describe('ConfirmPrompt', () => {
  it("asks Terraform's question and shows what is typed", async () => {
    const p = prompt();
    await p.type('ye');
    expect(p.frame()).toMatchInlineSnapshot(`
      "Apply this plan to web-01 (root /srv/image)?
        Plan: 2 to install, 1 skipped. Reboot option: RebootIfNeeded.
        patchplan will install exactly the versions shown above.
        Only 'yes' will be accepted to approve.

        Enter a value: ye"
    `);
    p.instance.unmount();
  });

  it('typing yes and Enter approves', async () => {
    const p = prompt();
    await p.type('y', 'e', 's', ENTER);
    expect(p.answers).toEqual([true]);
    expect(p.frame()).toContain('Approved.');
  });

  it.each([
    ['y', ['y', ENTER]],
    ['YES', ['YES', ENTER]],
    ['an empty line', [ENTER]],
    ['yes with a trailing space', ['yes ', ENTER]],
    ['no', ['no', ENTER]],
  ])('%s cancels', async (_label, keys) => {
    const p = prompt();
    await p.type(...keys);
    expect(p.answers).toEqual([false]);
    expect(p.frame()).toContain('Apply cancelled.');
  });

  it('Backspace corrects a typo', async () => {
    const p = prompt();
    await p.type('yex', BACKSPACE, 's', ENTER);
    expect(p.answers).toEqual([true]);
  });

  it('Escape and Ctrl+C cancel', async () => {
    const esc = prompt();
    await esc.type('yes', ESCAPE);
    expect(esc.answers).toEqual([false]);
    const ctrlC = prompt();
    await ctrlC.type('ye', '\u0003');
    expect(ctrlC.answers).toEqual([false]);
  });

  it('a pasted "yes\\n" approves in one chunk', async () => {
    const p = prompt();
    await p.type('yes\r');
    expect(p.answers).toEqual([true]);
  });

  it('answers once: keys after the answer are ignored', async () => {
    const p = prompt();
    await p.type('yes', ENTER, 'no', ENTER);
    expect(p.answers).toEqual([true]);
  });

  describe('dangerous plan (a kernel under an option that reboots)', () => {
    const dangerous: Confirmation = {kind: 'dangerous', phrase: 'web-01', kernels: ['linux-image-amd64']};

    it('asks for the host name, and says why', async () => {
      const p = prompt(dangerous);
      await tick();
      expect(p.frame()).toMatchInlineSnapshot(`
        "Apply this plan to web-01 (root /srv/image)?
          Plan: 2 to install, 1 skipped. Reboot option: RebootIfNeeded.
          patchplan will install exactly the versions shown above.
          This plan installs a new kernel (linux-image-amd64) and RebootIfNeeded will reboot web-01.
          Type the host name web-01 to approve.

          Enter a value:"
      `);
      p.instance.unmount();
    });

    it('the host name approves; yes does not', async () => {
      const approved = prompt(dangerous);
      await approved.type('web-01', ENTER);
      expect(approved.answers).toEqual([true]);
      const yes = prompt(dangerous);
      await yes.type('yes', ENTER);
      expect(yes.answers).toEqual([false]);
    });
  });
});

describe('ConfirmPrompt with hostile data', () => {
  it('shows a host name and kernel names with control characters escaped', async () => {
    const hostname = 'web\u001b]0;pwned\u0007\u001b[2J';
    const instance = render(
      <ConfirmPrompt
        confirmation={{kind: 'dangerous', phrase: hostname, kernels: ['linux-image\u202eamd64']}}
        hostname={hostname}
        root={'/srv/\u001b[2Jimage'}
        rebootOption="RebootIfNeeded"
        summary="Plan: 1 to install, 0 skipped."
        onAnswer={() => undefined}
      />,
    );
    const frame = (instance.lastFrame() ?? '').replace(/\u001b\[[0-9;]*m/g, '');
    expect(frame).toContain('Apply this plan to web\\x1b]0;pwned\\x07\\x1b[2J (root /srv/\\x1b[2Jimage)?');
    expect(frame).toContain('linux-image\\u202eamd64');
    expectNoControls(frame);
    instance.unmount();
  });
});

describe('ConfirmPrompt without colour (--no-color, NO_COLOR)', () => {
  it('asks for no colour or attribute at all, so ink prints none whatever its chalk detects', async () => {
    // ink styles through the shared chalk instance; give it colour, as a terminal would.
    const level = chalk.level;
    chalk.level = 1;
    try {
      const frameWith = async (color: boolean): Promise<string> => {
        const instance = render(
          <ConfirmPrompt
            confirmation={{kind: 'dangerous', phrase: 'web-01', kernels: ['linux-image-amd64']}}
            hostname="web-01"
            root="/"
            rebootOption="RebootIfNeeded"
            summary="Plan: 1 to install, 0 skipped."
            onAnswer={() => undefined}
            color={color}
          />,
        );
        await tick();
        const frame = instance.lastFrame() ?? '';
        instance.unmount();
        return frame;
      };
      expect(await frameWith(true)).toContain('\u001b[');
      const plain = await frameWith(false);
      expect(plain).toContain('Apply this plan to web-01 (root /)?');
      expect(plain).not.toContain('\u001b[');
    } finally {
      chalk.level = level;
    }
  });
});
