import {describe, expect, it} from 'vitest';

import type {OutputStream} from '../../../src/cli/streams.js';
import {createProgressDisplay} from '../../../src/views/apply/progress.js';

function stderr(isTTY: boolean, columns = 60): OutputStream & {text(): string} {
  let text = '';
  return {write: (t) => void (text += t), isTTY, columns, text: () => text};
}

/** Timers the test fires by hand, so the spinner is exercised without waiting. */
function manualTimers() {
  const ticks: (() => void)[] = [];
  let cleared = 0;
  return {
    timers: {
      setInterval: (fn: () => void) => (ticks.push(fn), ticks.length),
      clearInterval: () => void (cleared += 1),
    },
    tick: () => ticks.forEach((fn) => fn()),
    started: () => ticks.length,
    cleared: () => cleared,
  };
}

const packages = [
  {name: 'libssl3', arch: 'amd64', version: '3.0.17-1~deb12u2'},
  {name: 'openssl', arch: 'amd64', version: '3.0.17-1~deb12u2'},
];

describe('progress display without a terminal', () => {
  it('writes one plain line per step and per installer line, with no control sequences', () => {
    const err = stderr(false);
    const t = manualTimers();
    const progress = createProgressDisplay(err, {debug: false, timers: t.timers});
    progress.step({step: 'collecting'});
    progress.step({step: 'installing', manager: 'apt', packages});
    progress.progress('Unpacking libssl3:amd64 (3.0.17-1~deb12u2) over (3.0.15-1~deb12u1) ...');
    progress.progress('   ');
    progress.debug('not shown without PATCHPLAN_DEBUG');
    progress.step({step: 'verifying'});
    progress.step({step: 'finished'});
    expect(err.text()).toBe(
      [
        "Reading the node's packages to check the plan is still current…",
        'Installing 2 packages with apt: libssl3 3.0.17-1~deb12u2, openssl 3.0.17-1~deb12u2…',
        '  Unpacking libssl3:amd64 (3.0.17-1~deb12u2) over (3.0.15-1~deb12u1) ...',
        'Reading back the installed versions…',
        '',
      ].join('\n'),
    );
    expect(t.started()).toBe(0);
  });

  it('lists at most five packages, then counts the rest', () => {
    const err = stderr(false);
    const many = Array.from({length: 7}, (_, i) => ({name: `p${i}`, arch: 'amd64', version: '1'}));
    createProgressDisplay(err, {debug: true}).step({step: 'installing', manager: 'apt', packages: many});
    expect(err.text()).toBe('Installing 7 packages with apt: p0 1, p1 1, p2 1, p3 1, p4 1 and 2 more…\n');
  });

  it('shows debug lines with PATCHPLAN_DEBUG', () => {
    const err = stderr(false);
    createProgressDisplay(err, {debug: true}).debug('apt-get exited 0');
    expect(err.text()).toBe('debug: apt-get exited 0\n');
  });
});

describe('progress display on a terminal', () => {
  it('keeps steps as lines and redraws one spinner line with the latest installer line, then clears it', () => {
    const err = stderr(true, 60);
    const t = manualTimers();
    const progress = createProgressDisplay(err, {debug: false, timers: t.timers});
    progress.step({step: 'installing', manager: 'apt', packages});
    progress.progress('Setting up libssl3:amd64 (3.0.17-1~deb12u2) ... and a very long tail that does not fit');
    t.tick();
    progress.stop();
    progress.stop();
    const out = err.text();
    expect(out.startsWith('Installing 2 packages with apt: libssl3 3.0.17-1~deb12u2, openssl 3.0.17-1~deb12u2…\n')).toBe(true);
    // Each redraw returns to the start of the line and erases it; nothing is ever wider than the terminal.
    const redraws = out.split('\r\u001b[2K').slice(1).filter((s) => s !== '');
    expect(redraws.length).toBeGreaterThanOrEqual(3);
    for (const r of redraws) expect(Array.from(r).length).toBeLessThanOrEqual(59);
    expect(redraws).toContain('⠋ Installing with apt…');
    expect(redraws).toContain('⠋ Installing with apt: Setting up libssl3:amd64 (3.0.17-1~…');
    expect(redraws.at(-1)).toBe('⠙ Installing with apt: Setting up libssl3:amd64 (3.0.17-1~…');
    // stop() erases the spinner line and stops the timer exactly once.
    expect(out.endsWith('\r\u001b[2K')).toBe(true);
    expect(t.started()).toBe(1);
    expect(t.cleared()).toBe(1);
  });
});
