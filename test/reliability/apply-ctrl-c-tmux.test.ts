/**
 * Ctrl+C in a real terminal (tmux 80×24, the built CLI) while apt configures a package: the
 * terminal's SIGINT reaches patchplan only (apt-get and dpkg run in a process group of their
 * own), patchplan says what it does, lets the dpkg run in progress finish, reads the results back
 * and exits 130 with the report; dpkg is left consistent and the next apply completes. A second
 * Ctrl+C aborts at once and says what it leaves; the next apply repairs it.
 *
 * slow-pp's postinst waits while ROOT/etc/slow-pp.sleep exists (test/integration/lab/build-lab.sh),
 * so the keys arrive while dpkg is certainly running; the test lets it go by removing the file.
 */
import {readFileSync, rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';

import {afterAll, beforeAll, describe, expect, it} from 'vitest';

import {REPO, runCli} from '../helpers/cli.js';
import {alive, privatePlan} from '../helpers/processes.js';
import {aptLab, installedVersions, run, type AptLab, type LabRoot} from '../integration/lab/apt-lab.js';
import {openTerminal, requireTmux} from '../tui/tmux.js';
import {recordFigure} from './figures.js';

let lab: AptLab;

beforeAll(async () => {
  await requireTmux();
  lab = await aptLab();
});
afterAll(() => lab?.remove());

async function planFor(r: LabRoot): Promise<string> {
  const file = path.join(r.work, 'plan.json');
  const made = await runCli(['plan', '--root', r.root, '--out', file], {env: {TMPDIR: lab.tmpdir}});
  if (made.exitCode !== 0) throw new Error(`plan failed: ${made.stderr}`);
  return privatePlan(file);
}

async function audit(r: LabRoot): Promise<string> {
  const result = await run('/usr/bin/dpkg', [`--admindir=${r.root}/var/lib/dpkg`, '--audit']);
  return `${result.code} ${result.stdout.trim()}`.trim();
}

/** The built CLI's apply in a terminal, held in slow-pp's postinst until the test removes the sleep file. */
async function applyHeldInPostinst(r: LabRoot, plan: string) {
  const sleepFile = path.join(r.root, 'etc/slow-pp.sleep');
  writeFileSync(sleepFile, '');
  const terminal = await openTerminal([process.execPath, path.join(REPO, 'bin', 'run.js'), 'apply', plan], {env: {TMPDIR: lab.tmpdir}, ctrlC: true});
  await terminal.waitFor(/slow-pp 1\.0-1\+deb12u1 {2}configuring/);
  const postinst = Number(readFileSync(path.join(r.root, 'var/lib/slow-pp.configuring'), 'utf8').trim());
  return {terminal, postinst, release: () => rmSync(sleepFile, {force: true})};
}

describe('Ctrl+C while apt installs, in a terminal', () => {
  it('once: the package in progress finishes, exit 130 with the report, dpkg consistent, the next apply completes', async () => {
    const r = await lab.copyRoot('ctrl-c-once');
    const plan = await planFor(r);
    const {terminal, postinst, release} = await applyHeldInPostinst(r, plan);
    try {
      await terminal.keys('C-c');
      await terminal.waitFor('Ctrl+C (SIGINT): stopping at the next safe point');
      const said = await terminal.screen({joined: true});
      // The terminal's SIGINT did not reach the installer's group: the postinst is still running.
      expect(alive(postinst)).toBe(true);
      expect(said).toContain('Press Ctrl+C again to abort at once');
      release();
      expect(await terminal.exited()).toBe(130);
      const report = await terminal.screen({history: true, joined: true});
      await terminal.save(r.work, 'ctrl-c-once');
      expect(report).toMatch(/^ {2}installed +slow-pp +1\.0-1 → 1\.0-1\+deb12u1$/m);
      expect(report).toMatch(/^ {2}interrupted +late-pp +1\.0-1 → 1\.0-1\+deb12u1$/m);
      // patchplan wraps its own lines at the terminal's 80 columns.
      expect(report).toMatch(/^Apply stopped by SIGINT: 1 installed, 0 already installed, 0 failed, 1 skipped,\n7 not done\.$/m);
      expect(report).toMatch(/^Reboot \(RebootIfNeeded\): not rebooting: the run was stopped before it finished;/m);
      expect(report).toMatch(/^To recover: stopped by SIGINT: apply the same plan again/m);
    } finally {
      release();
      await terminal.close();
    }
    expect(await audit(r)).toBe('0');
    const versions = await installedVersions(r.root);
    expect(Object.values(versions).every((v) => !v.includes('('))).toBe(true);
    const again = await runCli(['apply', plan], {env: {TMPDIR: lab.tmpdir}});
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toMatch(/^ {2}already-installed +slow-pp/m);
    expect(await audit(r)).toBe('0');
    recordFigure('ctrl-c-once', {label: 'Ctrl+C once in a terminal (apt)', tried: 1, ok: 1, okMeans: 'stopped cleanly and completed on rerun'});
  });

  it('twice: aborts at once saying what it leaves; the next apply repairs and completes', async () => {
    const r = await lab.copyRoot('ctrl-c-twice');
    const plan = await planFor(r);
    const {terminal, postinst, release} = await applyHeldInPostinst(r, plan);
    try {
      await terminal.keys('C-c');
      await terminal.waitFor('stopping at the next safe point');
      await terminal.keys('C-c');
      expect(await terminal.exited()).toBe(130);
      const report = await terminal.screen({history: true, joined: true});
      expect(report).toContain('Ctrl+C (SIGINT) again: aborting now; the installer is killed mid-transaction.');
      expect(report).toMatch(/error: apply: aborted: the installer was killed mid-transaction, so packages may be left half-installed; apply the same plan again to repair and finish it \(it runs `dpkg --configure -a` first\)/);
      // The whole installer group was killed, the postinst with it.
      for (let i = 0; i < 200 && alive(postinst); i++) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(alive(postinst)).toBe(false);
    } finally {
      release();
      await terminal.close();
    }
    expect((await installedVersions(r.root))['slow-pp']).toBe('1.0-1+deb12u1 (iF)');
    const again = await runCli(['apply', plan], {env: {TMPDIR: lab.tmpdir}});
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toContain('Repaired first what an interrupted run left:');
    expect(await audit(r)).toBe('0');
    recordFigure('ctrl-c-twice', {label: 'Ctrl+C twice in a terminal (apt)', tried: 1, ok: 1, okMeans: 'aborted and repaired on rerun'});
  });
});
