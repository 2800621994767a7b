import {describe, expect, it} from 'vitest';

import type {OutputStream} from '../../../src/cli/streams.js';
import type {InstallProgressEvent} from '../../../src/core/install.js';
import {createProgressDisplay, fitInstallLine, formatElapsed} from '../../../src/views/apply/progress.js';
import {displayWidth} from '../../../src/views/text.js';
import {expectedEvents, plannedItems} from '../../managers/progress-support.js';

function stderr(isTTY: boolean, columns = 80): OutputStream & {text(): string} {
  let text = '';
  return {write: (t) => void (text += t), isTTY, columns, text: () => text};
}

/** Timers the test fires by hand, and a clock it moves, so nothing waits on wall time. */
function manualTime() {
  const ticks: (() => void)[] = [];
  let cleared = 0;
  let now = 1_000_000;
  return {
    timers: {
      setInterval: (fn: () => void) => (ticks.push(fn), ticks.length),
      clearInterval: () => void (cleared += 1),
    },
    monotonicMs: () => now,
    advance: (ms: number) => void (now += ms),
    tick: () => ticks.forEach((fn) => fn()),
    started: () => ticks.length,
    cleared: () => cleared,
  };
}

/** The redraws of a terminal stream: what each `\r ESC[2K` was followed by. */
function redraws(text: string): string[] {
  return text
    .split('\r\u001b[2K')
    .slice(1)
    .map((s) => s.split('\n')[0] ?? '')
    .filter((s) => s !== '');
}

const APT_UPGRADE = 'apt/progress/upgrade';
const packages = plannedItems(APT_UPGRADE);
/** Real events: the adapter's own parse of apt 2.6.2's status fd (fixtures/apt/progress). */
const aptEvents = expectedEvents('apt/progress/expected/upgrade.events.json');

const HOSTILE_NAME = 'evil\u001b]0;pwned\u0007\u001b[2J-pp';
const HOSTILE_EVENT: InstallProgressEvent = {kind: 'package', done: 0, total: 1, name: HOSTILE_NAME, arch: 'all', version: '1.0\u202e-1', phase: 'unpacking', planned: true};

describe('progress display without a terminal', () => {
  it('writes plain lines: each step, one line per package phase change with N of M and the elapsed time, then how far the installer got', () => {
    const err = stderr(false);
    const t = manualTime();
    const progress = createProgressDisplay(err, {debug: false, timers: t.timers, monotonicMs: t.monotonicMs});
    progress.step({step: 'collecting'});
    progress.step({step: 'installing', manager: 'apt', packages});
    for (const event of aptEvents) {
      t.advance(250);
      progress.installProgress?.(event);
    }
    progress.progress('   ');
    progress.debug('not shown without PATCHPLAN_DEBUG');
    t.advance(400);
    progress.step({step: 'verifying'});
    progress.step({step: 'finished'});
    const lines = err.text().split('\n');
    expect(lines.slice(0, 3)).toEqual([
      "Reading the node's packages to check the plan is still current…",
      'Installing 8 packages with apt: hello-pp 1.0-1+deb12u1, epoch-pp 1:2.0-1, app-pp 1.0-1+deb12u1, libfoo-pp:amd64 1.1-1+deb12u1, libfoo-pp:i386 1.1-1+deb12u1 and 3 more…',
      'Installing 0/8  file 1/8 (0%)  downloading  0:00',
    ]);
    // One line per download file, then per package phase: apt's repeated lines are not repeated.
    expect(lines.filter((l) => l.includes('downloading'))).toHaveLength(8);
    // The plan has libfoo-pp under two architectures: the lines say which one.
    expect(lines).toContain('Installing 0/8  libfoo-pp:i386 1.1-1+deb12u1  unpacking  0:02');
    expect(lines).toContain('Installing 0/8  libfoo-pp:amd64 1.1-1+deb12u1  unpacking  0:02');
    expect(lines).toContain('Installing 2/8  libfoo-pp:amd64 1.1-1+deb12u1  configuring  0:05');
    expect(lines).toContain('Installing 8/8  app-pp 1.0-1+deb12u1  installed  0:08');
    expect(lines.slice(-3)).toEqual(['apt finished after 0:08: 8/8 planned packages reported installed', 'Reading back the installed versions…', '']);
    // Two step lines, one line per event but apt's second 'file 8/8' (86% then 100%), three at the end.
    expect(lines).toHaveLength(2 + aptEvents.length - 1 + 3);
    expect(err.text()).not.toMatch(/[\r\u001b]/);
    expect(t.started()).toBe(0);
  });

  it('marks a package the plan does not list, and says plainly when the installer reported nothing it understood', () => {
    const err = stderr(false);
    const progress = createProgressDisplay(err, {debug: false});
    progress.step({step: 'installing', manager: 'apt', packages: packages.slice(0, 1)});
    progress.installProgress?.({kind: 'package', done: 0, total: 1, name: 'newdep-pp', arch: 'amd64', phase: 'configuring', planned: false});
    expect(err.text().split('\n')[1]).toMatch(/^Installing 0\/1 {2}newdep-pp \(not in the plan\) {2}configuring {2}0:00$/);
    const quiet = stderr(false);
    const display = createProgressDisplay(quiet, {debug: false});
    display.step({step: 'installing', manager: 'yum', packages: packages.slice(0, 1)});
    display.step({step: 'verifying'});
    expect(quiet.text().split('\n')[1]).toBe('yum finished after 0:00');
  });

  it('keeps other progress messages as indented lines and lists at most five packages', () => {
    const err = stderr(false);
    const many = Array.from({length: 7}, (_, i) => ({name: `p${i}`, arch: 'amd64', version: '1'}));
    const progress = createProgressDisplay(err, {debug: true});
    progress.step({step: 'installing', manager: 'apt', packages: many});
    progress.progress('waiting for /var/lib/dpkg/lock-frontend, held by process 4242 (apt-get)');
    progress.debug('apt-get exited 0');
    expect(err.text()).toBe(
      [
        'Installing 7 packages with apt: p0 1, p1 1, p2 1, p3 1, p4 1 and 2 more…',
        '  waiting for /var/lib/dpkg/lock-frontend, held by process 4242 (apt-get)',
        'debug: apt-get exited 0',
        '',
      ].join('\n'),
    );
  });

  it('shows hostile names, versions, installer lines and debug lines escaped, never as control sequences', () => {
    const err = stderr(false);
    const progress = createProgressDisplay(err, {debug: true});
    progress.step({step: 'installing', manager: 'apt', packages: [{name: HOSTILE_NAME, arch: 'all', version: '1.0-1'}]});
    progress.installProgress?.(HOSTILE_EVENT);
    progress.progress('Setting up \u001b[31mred\u001b[0m ...');
    progress.debug('scriptlet said \u009b2J');
    const text = err.text();
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
    expect(text).toContain('evil\\x1b]0;pwned\\x07\\x1b[2J-pp 1.0\\u202e-1  unpacking');
    expect(text).toContain('  Setting up \\x1b[31mred\\x1b[0m ...');
    expect(text).toContain('debug: scriptlet said \\x9b2J');
  });
});

describe('progress display on a terminal', () => {
  it('redraws one live line in place with N of M, the package, its phase and the elapsed time, then clears it', () => {
    const err = stderr(true, 80);
    const t = manualTime();
    const progress = createProgressDisplay(err, {debug: false, timers: t.timers, monotonicMs: t.monotonicMs});
    progress.step({step: 'installing', manager: 'apt', packages});
    const configuring = aptEvents.findIndex((e) => e.kind === 'package' && e.phase === 'configuring' && e.name === 'libfoo-pp' && e.arch === 'i386');
    for (const event of aptEvents.slice(0, configuring + 1)) progress.installProgress?.(event);
    t.advance(42_000);
    t.tick();
    const out = err.text();
    // The step line is cut to the terminal too, so it never wraps.
    const stepLine = out.split('\n')[0] ?? '';
    expect(stepLine).toBe('Installing 8 packages with apt: hello-pp 1.0-1+deb12u1, epoch-pp 1:2.0-1, app-…');
    expect(displayWidth(stepLine)).toBe(79);
    const drawn = redraws(out);
    expect(drawn[0]).toBe('⠋ Installing 0/8  starting apt  0:00');
    expect(drawn).toContain('⠋ Installing 0/8  file 3/8 (24%)  downloading  0:00');
    expect(drawn).toContain('⠋ Installing 3/8  libfoo-pp:i386 1.1-1+deb12u1  configuring  0:00');
    // The timer moves the spinner and the clock, nothing else.
    expect(drawn.at(-1)).toBe('⠙ Installing 3/8  libfoo-pp:i386 1.1-1+deb12u1  configuring  0:42');
    for (const line of drawn) expect(displayWidth(line)).toBeLessThanOrEqual(79);
    // No newline while the installer runs: every state replaces the one before.
    expect(out.slice(out.indexOf('\n') + 1)).not.toContain('\n');

    progress.step({step: 'verifying'});
    progress.stop();
    progress.stop();
    const after = err.text().slice(out.length);
    expect(after.startsWith('\r\u001b[2Kapt finished after 0:42: 3/8 planned packages reported installed\n')).toBe(true);
    expect(after).toContain('Reading back the installed versions…\n');
    expect(after.endsWith('\r\u001b[2K')).toBe(true);
    expect(t.started()).toBe(1);
    expect(t.cleared()).toBe(1);
  });

  it('fits a narrow terminal: the package gives way, with an ellipsis, before the count, phase and time', () => {
    const err = stderr(true, 46);
    const t = manualTime();
    const progress = createProgressDisplay(err, {debug: false, timers: t.timers, monotonicMs: t.monotonicMs});
    progress.step({step: 'installing', manager: 'dnf', packages: [{name: 'progress-display-long-package-name-for-truncation-pp', arch: 'noarch', version: '1.0-2.el9_3'}]});
    progress.installProgress?.({kind: 'package', done: 0, total: 1, name: 'progress-display-long-package-name-for-truncation-pp', arch: 'noarch', version: '1.0-2.el9_3', phase: 'downloading', planned: true});
    t.advance(3_725_000);
    t.tick();
    const last = redraws(err.text()).at(-1) ?? '';
    expect(last).toBe('⠙ Installing 0/1  prog…  downloading  1:02:05');
    expect(displayWidth(last)).toBeLessThanOrEqual(45);
  });

  it('measures wide characters by display width and escapes hostile names on the live line', () => {
    const err = stderr(true, 50);
    const progress = createProgressDisplay(err, {debug: false, timers: manualTime().timers, monotonicMs: () => 0});
    progress.step({step: 'installing', manager: 'apt', packages: [{name: 'fonts-日本語-pp', arch: 'all', version: '1.0-1'}]});
    progress.installProgress?.({kind: 'package', done: 0, total: 1, name: 'fonts-日本語日本語日本語-pp', arch: 'all', version: '1.0-1', phase: 'unpacking', planned: true});
    progress.installProgress?.(HOSTILE_EVENT);
    const drawn = redraws(err.text());
    for (const line of drawn) expect(displayWidth(line)).toBeLessThanOrEqual(49);
    // 14 columns are left for the package: a cut inside a wide character may not make it 15.
    expect(drawn).toContain('⠋ Installing 0/1  fonts-日本語…  unpacking  0:00');
    const hostile = drawn.at(-1) ?? '';
    expect(hostile.startsWith('⠋ Installing 0/1  evil\\x1b]0;pw…')).toBe(true);
    expect(hostile).toMatch(/…  unpacking {2}0:00$/);
    // The only escape sequences written are the display's own line redraws.
    expect(err.text().replaceAll('\r\u001b[2K', '')).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
  });

  it('shows a lock wait on the live line until the installer reports again', () => {
    const err = stderr(true, 100);
    const progress = createProgressDisplay(err, {debug: false, timers: manualTime().timers, monotonicMs: () => 0});
    progress.step({step: 'installing', manager: 'apt', packages});
    progress.progress('waiting for /var/lib/dpkg/lock-frontend, held by process 4242 (apt-get)');
    expect(redraws(err.text()).at(-1)).toBe('⠋ Installing 0/8  waiting for /var/lib/dpkg/lock-frontend, held by process 4242 (apt-get)  0:00');
    progress.installProgress?.(aptEvents[0] as InstallProgressEvent);
    expect(redraws(err.text()).at(-1)).toBe('⠋ Installing 0/8  file 1/8 (0%)  downloading  0:00');
  });

  it('outside the installer, shows the step and the latest progress message, cut to the width', () => {
    const err = stderr(true, 60);
    const t = manualTime();
    const progress = createProgressDisplay(err, {debug: false, timers: t.timers});
    progress.step({step: 'collecting'});
    progress.progress('dnf: reading the rpm database and a very long tail that does not fit the line');
    t.tick();
    const drawn = redraws(err.text());
    expect(drawn).toContain('⠋ Reading packages…');
    expect(drawn.at(-1)).toBe('⠙ Reading packages: dnf: reading the rpm database and a ve…');
    for (const line of drawn) expect(displayWidth(line)).toBeLessThanOrEqual(59);
  });

  it('stopped mid-install (an error follows), clears the line without claiming the installer finished', () => {
    const err = stderr(true, 80);
    const progress = createProgressDisplay(err, {debug: false, timers: manualTime().timers, monotonicMs: () => 0});
    progress.step({step: 'installing', manager: 'apt', packages});
    progress.installProgress?.(aptEvents[0] as InstallProgressEvent);
    progress.stop();
    expect(err.text()).not.toContain('finished');
    expect(err.text().endsWith('\r\u001b[2K')).toBe(true);
  });
});

describe('fitInstallLine', () => {
  const parts = {head: 'Installing 3/12', subject: 'openssl 3.0.17-1~deb12u2', phase: 'unpacking', elapsed: '0:42'};

  it('keeps everything when it fits', () => {
    expect(fitInstallLine('', parts, 80)).toBe('Installing 3/12  openssl 3.0.17-1~deb12u2  unpacking  0:42');
  });

  it('cuts the package first, then the whole line when even the rest does not fit', () => {
    expect(fitInstallLine('', parts, 44)).toBe('Installing 3/12  openssl 3…  unpacking  0:42');
    // No room left for even a few characters of the package: it is left out.
    expect(fitInstallLine('', parts, 37)).toBe('Installing 3/12  unpacking  0:42');
    expect(fitInstallLine('', parts, 20)).toBe('Installing 3/12  un…');
  });
});

describe('formatElapsed', () => {
  it.each([
    [0, '0:00'],
    [999, '0:00'],
    [42_000, '0:42'],
    [61_500, '1:01'],
    [3_599_999, '59:59'],
    [3_600_000, '1:00:00'],
    [-5, '0:00'],
  ])('%i ms → %s', (ms, text) => {
    expect(formatElapsed(ms)).toBe(text);
  });
});
