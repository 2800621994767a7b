/**
 * The apply progress as a user sees it: the BUILT CLI runs `apply PLAN --root ROOT` on the apt
 * lab inside a real terminal (tmux, 80×24), the test reads the screen with `capture-pane -p`
 * while the installer runs, then after it. And the same apply piped, under --json: stdout is the
 * result alone, stderr plain progress lines.
 *
 * The live line is caught without timing: slow-pp's postinst waits while ROOT/etc/slow-pp.sleep
 * exists (test/integration/lab/build-lab.sh), so apt sits in "configuring slow-pp" until the test
 * removes that file. Every wait polls the screen against one generous overall deadline, so a
 * loaded machine only makes the test slower. tmux runs on a private socket with its own
 * configuration and is killed afterwards; the captures are printed to the test log and written
 * to $TMPDIR/patchplan-apply-progress-tmux.txt.
 */
import {execFile} from 'node:child_process';
import {existsSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';

import {REPO, runCli} from '../helpers/cli.js';
import {aptLab, installedVersions, md5File, type AptLab, type LabRoot} from './lab/apt-lab.js';

const HOST_STATUS = '/var/lib/dpkg/status';
const hostStatusBefore = md5File(HOST_STATUS);
/**
 * One deadline for all the waits of a test, generous on purpose (a busy 2-core machine only makes
 * the polls take longer) and inside the integration tier's 900 s test timeout.
 */
const DEADLINE_MS = 600_000;
const SPINNER = /[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/;
const CAPTURE_FILE = path.join(os.tmpdir(), 'patchplan-apply-progress-tmux.txt');

let lab: AptLab;
let socket = '';

beforeAll(async () => {
  if (!existsSync(path.join(REPO, 'dist', 'commands', 'apply.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  if (!existsSync('/usr/bin/tmux')) throw new Error('/usr/bin/tmux is missing: run scripts/install-test-deps.sh');
  lab = await aptLab();
  socket = path.join(lab.dir, 'tmux.sock');
  writeFileSync(path.join(lab.dir, 'tmux.conf'), 'set -g remain-on-exit on\nset -g status off\n');
});

afterAll(async () => {
  if (socket !== '' && existsSync(socket)) await tmux(['kill-server']).catch(() => undefined);
  lab?.remove();
});

/** tmux on the lab's own server (argv only; the pane's command is run without a shell). */
function tmux(args: readonly string[]): Promise<string> {
  const env = {PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: lab.dir, TERM: 'xterm-256color'};
  return new Promise((resolve, reject) => {
    execFile('/usr/bin/tmux', ['-S', socket, '-f', path.join(lab.dir, 'tmux.conf'), ...args], {env}, (error, stdout, stderr) => {
      if (error) reject(new Error(`tmux ${args[0]}: ${stderr || error.message}`));
      else resolve(stdout);
    });
  });
}

/** The pane with its scrollback (`-S -`), so nothing that scrolled off the 24 rows is lost. */
const screen = (session: string): Promise<string> => tmux(['capture-pane', '-p', '-S', '-', '-t', session]);

/** Polls the screen until `done` holds for it; fails with the last screen past the deadline. */
async function waitForScreen(session: string, deadline: number, what: string, done: (text: string) => boolean): Promise<string> {
  let text = '';
  while (performance.now() < deadline) {
    text = await screen(session);
    if (done(text)) return text;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no ${what} on the screen within the test's ${DEADLINE_MS / 1000} s; last screen:\n${text}`);
}

async function planFor(r: LabRoot): Promise<string> {
  const plan = path.join(r.work, 'plan.json');
  const made = await runCli(['plan', '--root', r.root, '--out', plan], {env: {TMPDIR: lab.tmpdir}});
  expect(made.exitCode).toBe(0);
  return plan;
}

const LIVE = /^[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] Installing (\d)\/8 {2}slow-pp 1\.0-1\+deb12u1 {2}configuring {2}(\d+:\d\d)$/m;

describe('apply progress in a real terminal (tmux 80×24)', () => {
  it('redraws one live line with N of M, the package, its phase and the elapsed time, then prints the result table', async () => {
    const r = await lab.copyRoot('progress-tmux');
    const plan = await planFor(r);
    const sleepFile = path.join(r.root, 'etc/slow-pp.sleep');
    writeFileSync(sleepFile, '');
    const session = 'apply';
    const deadline = performance.now() + DEADLINE_MS;
    // sh only reports the exit status: tmux 3.3a sometimes never reaps a node pane (a zombie,
    // no pane_dead_status). The script is constant; the command reaches it as "$@", argv only.
    await tmux([
      'new-session', '-d', '-x', '80', '-y', '24', '-s', session, '-e', `TMPDIR=${lab.tmpdir}`, '--',
      '/bin/sh', '-c', '"$@"; echo "exit status: $?"', 'sh',
      process.execPath, path.join(REPO, 'bin', 'run.js'), 'apply', plan, '--root', r.root,
    ]);

    const live = await waitForScreen(session, deadline, 'live line for slow-pp', (text) => LIVE.test(text));
    const firstElapsed = LIVE.exec(live)?.[2];
    // The line is redrawn in place: the clock moves on the same single line.
    const later = await waitForScreen(session, deadline, 'elapsed time moving on', (text) => {
      const m = LIVE.exec(text);
      return m !== null && m[2] !== firstElapsed;
    });
    for (const text of [live, later]) {
      const lines = text.split('\n');
      expect(lines.filter((l) => SPINNER.test(l))).toHaveLength(1);
      expect(lines.every((l) => [...l].length <= 80)).toBe(true);
      expect(text).toContain('Installing 8 packages with apt:');
    }

    rmSync(sleepFile);
    const dead = await waitForScreen(session, deadline, 'finished apply', (text) => /^exit status: \d+$/m.test(text));
    const status = /^exit status: (\d+)$/m.exec(dead)?.[1];
    await tmux(['kill-session', '-t', session]);
    const log = `--- while slow-pp configures ---\n${live}\n--- a moment later ---\n${later}\n--- after apply ---\n${dead}`;
    writeFileSync(CAPTURE_FILE, log);
    console.log(`tmux captures (also in ${CAPTURE_FILE}):\n${log}`);

    expect(status).toBe('0');
    expect(dead).toMatch(/^apt finished after \d+:\d\d: 8\/8 planned packages reported installed$/m);
    expect(dead).toMatch(/^Reading back the installed versions…$/m);
    expect(dead).toMatch(/^Apply results \(plan [0-9a-f]{12}\):$/m);
    expect(dead).toMatch(/^ {2}installed +slow-pp +1\.0-1 → 1\.0-1\+deb12u1$/m);
    expect(dead).toMatch(/^Apply complete: 8 installed, 0 already installed, 0 failed, 1 skipped\.$/m);
    // The live line was cleared before the results: no spinner is left on the screen.
    expect(dead).not.toMatch(SPINNER);
    expect((await installedVersions(r.root))['slow-pp']).toBe('1.0-1+deb12u1');
  });
});

describe('apply progress without a terminal, under --json', () => {
  it('keeps stdout the result JSON alone and writes plain progress lines to stderr', async () => {
    const r = await lab.copyRoot('progress-json');
    const plan = await planFor(r);
    const result = await runCli(['apply', plan, '--root', r.root, '--json'], {env: {TMPDIR: lab.tmpdir}});
    expect(result.exitCode).toBe(0);
    const parsed = JSON.parse(result.stdout) as {results: {status: string}[]};
    expect(parsed.results.filter((x) => x.status === 'installed')).toHaveLength(8);
    expect(result.stderr).not.toMatch(/[\r\u001b]/);
    const lines = result.stderr.split('\n');
    expect(lines).toContainEqual(expect.stringMatching(/^Installing 0\/8 {2}file 1\/8 \(0%\) {2}downloading {2}\d+:\d\d$/));
    expect(lines).toContainEqual(expect.stringMatching(/^Installing [0-7]\/8 {2}slow-pp 1\.0-1\+deb12u1 {2}configuring {2}\d+:\d\d$/));
    expect(lines).toContainEqual(expect.stringMatching(/^Installing 8\/8 {2}\S+ \S+ {2}installed {2}\d+:\d\d$/));
    expect(lines).toContainEqual(expect.stringMatching(/^apt finished after \d+:\d\d: 8\/8 planned packages reported installed$/));
  });
});

describe('host safety', () => {
  it('left the host’s dpkg status as it was', () => {
    expect(md5File(HOST_STATUS)).toBe(hostStatusBefore);
  });
});
