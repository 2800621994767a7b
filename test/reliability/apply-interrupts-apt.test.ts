/**
 * apply on the apt lab under kills, contention and locks, as an operator meets them:
 *  - SIGKILL of patchplan and everything below it at seeded random points while apt-get runs
 *    (downloads, dpkg unpacking, configuring): the next apply of the same plan completes it
 *    (repairing what dpkg left), every planned package ends at its version, `dpkg --audit` is
 *    clean;
 *  - two applies of one plan at once: both exit 0 and between them every planned package is
 *    reported `installed` exactly once (the other run says `already-installed`);
 *  - another process holding dpkg's lock: apply waits, then exit 5 naming it; released in time,
 *    apply goes on.
 * Figures go to the tier's summary (figures.ts).
 */
import {spawn} from 'node:child_process';
import {mkdirSync, readdirSync, rmSync} from 'node:fs';
import path from 'node:path';

import {afterAll, beforeAll, describe, expect, it} from 'vitest';

import {runCli} from '../helpers/cli.js';
import {aptLab, installedVersions, run, type AptLab, type LabRoot} from '../integration/lab/apt-lab.js';
import {recordFigure} from './figures.js';
import {alive, killTree, pause, plannedTargets, privatePlan, seeded, startCli, until, waitForInstaller} from '../helpers/processes.js';

let lab: AptLab;
const env = (): Record<string, string> => ({TMPDIR: lab.tmpdir, LC_ALL: 'C'});

beforeAll(async () => {
  lab = await aptLab();
});
afterAll(() => lab?.remove());

async function planFor(r: LabRoot): Promise<string> {
  const file = path.join(r.work, 'plan.json');
  const made = await runCli(['plan', '--root', r.root, '--out', file], {env: env()});
  if (made.exitCode !== 0) throw new Error(`plan failed (${made.exitCode}): ${made.stderr}`);
  return privatePlan(file);
}

/** Every planned package at its version and dpkg with nothing unfinished. */
async function completed(r: LabRoot, planFile: string): Promise<{ok: boolean; detail: string}> {
  const versions = await installedVersions(r.root);
  const wrong = [...plannedTargets(planFile)].filter(([name, target]) => versions[name] !== target).map(([name, target]) => `${name} ${versions[name] ?? 'missing'} (want ${target})`);
  const audit = await run('/usr/bin/dpkg', [`--admindir=${r.root}/var/lib/dpkg`, '--audit']);
  const ok = wrong.length === 0 && audit.code === 0 && audit.stdout.trim() === '';
  return {ok, detail: `${wrong.join(', ')} ${audit.stdout.trim()}`.trim()};
}

/** What the kill left: the packages not `ii` and dpkg's journal entries. */
async function leftBehind(r: LabRoot): Promise<string> {
  const versions = await installedVersions(r.root);
  const unfinished = Object.entries(versions).filter(([, v]) => v.includes('('));
  const journal = readdirSync(path.join(r.root, 'var/lib/dpkg/updates')).filter((f) => /^\d+$/.test(f)).length;
  return unfinished.length === 0 && journal === 0 ? 'consistent' : `${unfinished.map(([n, v]) => `${n} ${v}`).join(', ')}${journal ? ` +${journal} journal` : ''}`;
}

describe('SIGKILL inside apt-get, then apply again', () => {
  it('at least 20 of 20 kills inside the installer end with every planned package at its version and dpkg --audit clean', async () => {
    // How long apt-get runs here, so the kills spread over all of it (loaded machines are slower).
    const calibration = await lab.copyRoot('kill-calibration');
    const calibrationPlan = await planFor(calibration);
    const started = startCli(['apply', calibrationPlan], env());
    const installer = await waitForInstaller(started.pid, 'apt-get');
    const t0 = performance.now();
    expect(installer).not.toBeNull();
    await until(() => !alive(installer ?? 0), 100_000);
    const installerMs = Math.max(50, performance.now() - t0);
    expect((await started.done).code).toBe(0);

    const random = seeded(20261203);
    const outcomes: {inside: boolean; left: string; recovered: boolean; detail: string}[] = [];
    for (let trial = 0; trial < 40 && outcomes.filter((o) => o.inside).length < 20; trial++) {
      const r = await lab.copyRoot(`kill-${trial}`);
      const planFile = await planFor(r);
      const apply = startCli(['apply', planFile], env());
      const aptGet = await waitForInstaller(apply.pid, 'apt-get');
      await pause(Math.floor(random() * installerMs));
      const inside = aptGet !== null && alive(aptGet);
      killTree(apply.pid);
      await apply.done;
      const left = await leftBehind(r);
      const rerun = await runCli(['apply', planFile], {env: env()});
      const state = await completed(r, planFile);
      outcomes.push({inside, left, recovered: rerun.exitCode === 0 && state.ok, detail: `${rerun.exitCode} ${rerun.stderr.trim().split('\n').at(-1) ?? ''} ${state.detail}`});
    }
    const inside = outcomes.filter((o) => o.inside);
    const recovered = inside.filter((o) => o.recovered).length;
    const midTransaction = inside.filter((o) => o.left !== 'consistent');
    const leaving = (mark: RegExp): number => midTransaction.filter((o) => mark.test(o.left)).length;
    console.log(
      `apt kills: ${inside.length} inside apt-get (${installerMs.toFixed(0)} ms window); ${midTransaction.length} left dpkg mid-transaction: ` +
        `${leaving(/\(i[HU]R\)/)} with a package half-installed (reinstall required), ${leaving(/\(iU\)/)} with packages unpacked, ` +
        `${leaving(/\(iF\)/)} half-configured, ${leaving(/journal/)} with dpkg journal entries; recovered ${recovered}/${inside.length}`,
    );
    recordFigure('kills-apt', {label: 'kills inside the installer (apt)', tried: inside.length, ok: recovered, okMeans: 'recovered', lost: inside.length - recovered});
    expect(inside.length).toBeGreaterThanOrEqual(20);
    expect(inside.filter((o) => !o.recovered).map((o) => `${o.left} → ${o.detail}`)).toEqual([]);
    // The kills must reach dpkg's own work, not only apt-get's downloads.
    expect(midTransaction.length).toBeGreaterThan(0);
  });
});

describe('two applies of one plan at once', () => {
  it('both exit 0, and every planned package is reported installed by exactly one of them', async () => {
    let truthful = 0;
    const trials = 6;
    for (let trial = 0; trial < trials; trial++) {
      const r = await lab.copyRoot(`concurrent-${trial}`);
      const planFile = await planFor(r);
      const [a, b] = [startCli(['apply', '--json', planFile], env()), startCli(['apply', '--json', planFile], env())];
      const [ra, rb] = await Promise.all([a.done, b.done]);
      const statuses = (out: string): Map<string, string> =>
        new Map((JSON.parse(out) as {results: {name: string; status: string}[]}).results.map((x) => [x.name, x.status]));
      const targets = [...plannedTargets(planFile).keys()];
      const ok =
        ra.code === 0 &&
        rb.code === 0 &&
        targets.every((name) => {
          const both = [statuses(ra.stdout).get(name), statuses(rb.stdout).get(name)].sort();
          return both[0] === 'already-installed' && both[1] === 'installed';
        }) &&
        (await completed(r, planFile)).ok;
      if (ok) truthful++;
      else console.log(`concurrent trial ${trial}: exits ${ra.code}/${rb.code}\n${ra.stderr}\n${rb.stderr}`);
    }
    recordFigure('concurrent-apt', {label: 'concurrent applies of one plan (apt)', tried: trials, ok: truthful, okMeans: 'truthful'});
    expect(truthful).toBe(trials);
  });
});

/** A process holding dpkg's frontend lock the way apt-get does (fcntl), until its stdin closes. */
async function holdFrontendLock(root: string): Promise<{pid: number; release: () => Promise<void>}> {
  const file = path.join(root, 'var/lib/dpkg/lock-frontend');
  const holder = spawn('/usr/bin/python3', ['-c', `import fcntl,sys\nf=open(${JSON.stringify(file)},'w')\nfcntl.lockf(f, fcntl.LOCK_EX)\nprint('locked', flush=True)\nsys.stdin.read()`], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve) => holder.stdout.once('data', () => resolve()));
  return {
    pid: holder.pid ?? 0,
    release: async () => {
      holder.stdin.end();
      await new Promise((resolve) => holder.once('exit', resolve));
    },
  };
}

describe('another process in dpkg', () => {
  it('apply waits for the lock before reading dpkg, then exit 5 naming the holder; nothing installed', async () => {
    const r = await lab.copyRoot('held-lock');
    const planFile = await planFor(r);
    const before = await installedVersions(r.root);
    const holder = await holdFrontendLock(r.root);
    try {
      const result = await runCli(['apply', '--lock-timeout', '2s', planFile], {env: env()});
      expect(result.exitCode).toBe(5);
      expect(result.stderr).toContain('locked, waiting:');
      expect(result.stderr.trim().split('\n').at(-1)).toBe(
        `error: ${r.root}/var/lib/dpkg/lock-frontend: locked by process ${holder.pid} (python3); gave up after waiting ${/gave up after waiting (\d+) s/.exec(result.stderr)?.[1] ?? ''} s (lock timeout 2 s)`,
      );
    } finally {
      await holder.release();
    }
    expect(await installedVersions(r.root)).toEqual(before);
  });

  it('released while apply waits, the apply goes on and completes', async () => {
    const r = await lab.copyRoot('lock-released');
    const planFile = await planFor(r);
    const holder = await holdFrontendLock(r.root);
    const apply = startCli(['apply', '--lock-timeout', '10m', planFile], env());
    expect(await until(() => apply.stderrSoFar().includes('locked, waiting:'))).toBe(true);
    await holder.release();
    const done = await apply.done;
    expect(done.code).toBe(0);
    expect(done.stderr).toContain(`is held by process ${holder.pid} (python3)`);
    expect((await completed(r, planFile)).ok).toBe(true);
  });
});

describe('a maintainer script that fails', () => {
  it('is named as the cause with the way to recover, in the failing run and in later ones; fixed, the next apply completes', async () => {
    const r = await lab.copyRoot('failing-script');
    const planFile = await planFor(r);
    // slow-pp's postinst (set -e) writes var/lib/slow-pp.configuring: a directory there makes it fail.
    mkdirSync(path.join(r.root, 'var/lib/slow-pp.configuring'));
    const failing = await runCli(['apply', '--json', planFile], {env: env()});
    expect(failing.exitCode).toBe(4);
    const result = JSON.parse(failing.stdout) as {results: {name: string; status: string; message: string | null}[]; recovery: string | null};
    expect(result.results.find((x) => x.name === 'slow-pp')).toMatchObject({status: 'failed'});
    expect(result.results.find((x) => x.name === 'slow-pp')?.message).toMatch(
      /^1\.0-1\+deb12u1 is half-configured after the install, not configured; its maintainer script failed: installed slow-pp package post-installation script subprocess returned error exit status \d+$/,
    );
    expect(result.recovery).toMatch(/^the maintainer script of slow-pp \(installed slow-pp package post-installation script subprocess returned error exit status \d+\) failed: fix its cause, then apply the same plan again/);

    const later = await runCli(['apply', planFile], {env: env()});
    expect(later.exitCode).toBe(1);
    expect(later.stderr.trim().split('\n').at(-1)).toMatch(
      /^error: .*\/var\/lib\/dpkg: slow-pp cannot be configured: its maintainer script fails \(installed slow-pp package post-installation script subprocess returned error exit status \d+\); fix the script's cause, then run `dpkg .*--configure -a` and patchplan again$/,
    );
    expect(later.stderr).not.toContain('dpkg was interrupted');

    rmSync(path.join(r.root, 'var/lib/slow-pp.configuring'), {recursive: true});
    const fixed = await runCli(['apply', planFile], {env: env()});
    expect(fixed.exitCode).toBe(0);
    expect((await completed(r, planFile)).ok).toBe(true);
  });
});
