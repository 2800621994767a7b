/**
 * apply on the dnf lab (Amazon Linux 2023 roots) under SIGKILL of patchplan and everything below
 * it, at seeded random points while dnf runs: half spread over dnf's whole run (metadata,
 * resolving, downloading, the rpm transaction), half inside the rpm transaction itself (the kill
 * follows rpm's transaction lock appearing in /proc/locks). The next apply of the same plan must
 * leave every planned package at its version, `rpm -Va --nofiles --nodigest` clean and no
 * package installed twice. A duplicate as a killed transaction leaves it (old and new version
 * both in the database) is repaired by the next apply.
 */
import {readFileSync, statSync} from 'node:fs';
import path from 'node:path';

import {afterAll, beforeAll, describe, expect, it} from 'vitest';

import {runCli} from '../helpers/cli.js';
import {alive, killTree, pause, plannedTargets, privatePlan, seeded, startCli, until, waitForInstaller} from '../helpers/processes.js';
import {rpmLab, rpmVersions, run, type RpmLab, type RpmLabRoot} from '../integration/lab/rpm/rpm-lab.js';
import {recordFigure} from './figures.js';

let lab: RpmLab;
const env = (): Record<string, string> => ({...lab.env, LC_ALL: 'C'});

beforeAll(async () => {
  lab = await rpmLab();
});
afterAll(() => lab?.remove());

async function planFor(r: RpmLabRoot): Promise<string> {
  const file = path.join(r.work, 'plan.json');
  const made = await runCli(['plan', '--root', r.root, '--out', file], {env: env()});
  if (made.exitCode !== 0) throw new Error(`plan failed (${made.exitCode}): ${made.stderr}`);
  return privatePlan(file);
}

async function duplicates(root: string): Promise<string[]> {
  const q = await run('/usr/bin/rpm', ['--root', root, '-qa', '--qf', '%{NAME}.%{ARCH}\n'], {...process.env, ...lab.env});
  const names = q.stdout.trim().split('\n');
  return [...new Set(names.filter((n, i) => names.indexOf(n) !== i && !n.startsWith('kernel')))];
}

/** Every planned package at its version, rpm's own check clean, nothing installed twice. */
async function completed(r: RpmLabRoot, planFile: string): Promise<{ok: boolean; detail: string}> {
  const versions = await rpmVersions(lab, r.root);
  const wrong = [...plannedTargets(planFile)].filter(([name, target]) => versions[name] !== target).map(([name, target]) => `${name} ${versions[name] ?? 'missing'} (want ${target})`);
  const verify = await run('/usr/bin/rpm', ['--root', r.root, '-Va', '--nofiles', '--nodigest'], {...process.env, ...lab.env});
  const twice = await duplicates(r.root);
  const ok = wrong.length === 0 && verify.code === 0 && verify.stdout.trim() === '' && twice.length === 0;
  return {ok, detail: `${wrong.join(', ')} ${verify.stdout.trim()} ${twice.join(' ')}`.trim()};
}

/** rpm's transaction lock of a root is held right now (by dnf's rpm). */
function rpmLockHeld(root: string): boolean {
  const inode = statSync(path.join(root, 'var/lib/rpm/.rpm.lock')).ino;
  return readFileSync('/proc/locks', 'utf8')
    .split('\n')
    .some((line) => line.includes(`:${inode} `));
}

describe('SIGKILL inside dnf, then apply again', () => {
  it('at least 20 of 20 kills inside the installer (10 inside the rpm transaction) end complete and rpm -Va clean', async () => {
    const calibration = await lab.copyRoot('al2023', 'kill-calibration');
    const calibrationPlan = await planFor(calibration);
    const started = startCli(['apply', calibrationPlan], env());
    const installer = await waitForInstaller(started.pid, 'dnf');
    expect(installer).not.toBeNull();
    const t0 = performance.now();
    await until(() => !alive(installer ?? 0), 100_000);
    const dnfMs = Math.max(50, performance.now() - t0);
    expect((await started.done).code).toBe(0);

    const random = seeded(20261204);
    const outcomes: {mode: 'anywhere' | 'transaction'; inside: boolean; recovered: boolean; detail: string}[] = [];
    const count = (mode: string): number => outcomes.filter((o) => o.inside && o.mode === mode).length;
    for (let trial = 0; trial < 60 && (count('anywhere') < 10 || count('transaction') < 10); trial++) {
      const mode = count('anywhere') < 10 && (trial % 2 === 0 || count('transaction') >= 10) ? 'anywhere' : 'transaction';
      const r = await lab.copyRoot('al2023', `kill-${trial}`);
      const planFile = await planFor(r);
      const apply = startCli(['apply', planFile], env());
      const dnf = await waitForInstaller(apply.pid, 'dnf');
      if (mode === 'anywhere') await pause(Math.floor(random() * dnfMs));
      else {
        await until(() => rpmLockHeld(r.root) || dnf === null || !alive(dnf), 100_000);
        await pause(Math.floor(random() * 15));
      }
      const inside = dnf !== null && alive(dnf) && (mode === 'anywhere' || rpmLockHeld(r.root));
      killTree(apply.pid);
      await apply.done;
      const rerun = await runCli(['apply', planFile], {env: env()});
      const state = await completed(r, planFile);
      outcomes.push({mode, inside, recovered: rerun.exitCode === 0 && state.ok, detail: `${rerun.exitCode} ${rerun.stderr.trim().split('\n').at(-1) ?? ''} ${state.detail}`});
    }
    const inside = outcomes.filter((o) => o.inside);
    const recovered = inside.filter((o) => o.recovered).length;
    console.log(`dnf kills: ${inside.length} inside dnf (${dnfMs.toFixed(0)} ms), ${count('transaction')} of them inside the rpm transaction; recovered ${recovered}/${inside.length}`);
    recordFigure('kills-dnf', {label: 'kills inside the installer (dnf)', tried: inside.length, ok: recovered, okMeans: 'recovered', lost: inside.length - recovered});
    expect(count('anywhere')).toBeGreaterThanOrEqual(10);
    expect(count('transaction')).toBeGreaterThanOrEqual(10);
    expect(inside.filter((o) => !o.recovered).map((o) => `${o.mode}: ${o.detail}`)).toEqual([]);
  });
});

describe('what a killed rpm transaction leaves', () => {
  it('an old version left in the database beside the new one is erased by the next apply, which says so', async () => {
    const r = await lab.copyRoot('al2023', 'duplicate');
    const planFile = await planFor(r);
    expect((await runCli(['apply', planFile], {env: env()})).exitCode).toBe(0);
    // The database entry of the old version, back beside the new one: what rpm leaves when it is
    // killed between writing the new header and erasing the old.
    const old = path.join(lab.repoBase, 'app-pp-1.0-1.amzn2.noarch.rpm');
    const added = await run('/usr/bin/rpm', ['--root', r.root, '-i', '--justdb', '--nodeps', '--force', old], {...process.env, ...lab.env});
    expect(added.code).toBe(0);
    expect(await duplicates(r.root)).toEqual(['app-pp.noarch']);

    const refused = await runCli(['apply', '--no-repair', planFile], {env: env()});
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr.trim().split('\n').at(-1)).toBe(
      `error: ${r.root}: an interrupted rpm transaction left older versions installed beside the new ones (app-pp-1.0-1.amzn2.noarch); remove them with \`/usr/bin/rpm --root ${r.root} -e --nodeps --noscripts -- app-pp-1.0-1.amzn2.noarch\` or run \`patchplan apply\` without --no-repair`,
    );

    const repaired = await runCli(['apply', '--json', planFile], {env: env()});
    expect(repaired.exitCode).toBe(0);
    expect((JSON.parse(repaired.stdout) as {repaired: string[]}).repaired).toEqual([`/usr/bin/rpm --root ${r.root} -e --nodeps --noscripts -- app-pp-1.0-1.amzn2.noarch`]);
    expect((await completed(r, planFile)).ok).toBe(true);
  });
});
