#!/usr/bin/env node
/**
 * patchplan on dnf/yum next to the dnf commands it stands in for, on this machine (rpm lab,
 * test/integration/lab/rpm/build-rpm-lab.sh; AL2023 template root → dnf):
 *
 *   (a) `patchplan plan --root R --json`   vs `dnf check-update` + `dnf updateinfo list --all`
 *   (b) advisories: `dnf updateinfo list --all`, `dnf updateinfo info --all` vs gunzip + parseUpdateinfo
 *       of the cached updateinfo.xml.gz (what the adapter does)
 *   (c) `patchplan apply PLAN --root R` (a fresh copy per run) vs the same plan's `dnf install NEVRA…`
 *   --scale: the same on a root with N more installed packages sc-0001..sc-N (default 2000; every odd one in
 *   an advisory), built once (~30 s).
 *
 * Each cell is the median wall time of --runs runs (default 5) after one unmeasured warm-up.
 * Needs `npm run build`, run as root (dnf installs need it). Never touches the host's rpm database:
 * HOME is the lab home for every command; ~/.rpmdb is checked at the end.
 * Flags: --runs N, --scale, --scale-size N, --keep.
 */
import {spawnSync} from 'node:child_process';
import {existsSync, mkdtempSync, readdirSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {gunzipSync} from 'node:zlib';
import {readFileSync} from 'node:fs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(REPO, 'bin', 'run.js');
const LAB_SCRIPT = path.join(REPO, 'test', 'integration', 'lab', 'rpm', 'build-rpm-lab.sh');
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const value = (name, dflt) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : dflt);
const RUNS = value('--runs', 5);
const NOW = '2026-11-24T00:00:00Z';

// src/ is being restructured (src/inventory/adapters/* → src/managers/*): take whichever build exists;
// without either, sub-measurement (b)'s in-process parse is left out.
const RPM_COMMON = [['dist', 'managers', 'rpm-common', 'index.js'], ['dist', 'inventory', 'adapters', 'rpm-common', 'index.js']]
  .map((p) => path.join(REPO, ...p)).find((p) => existsSync(p));
const {parseUpdateinfo} = RPM_COMMON ? await import(RPM_COMMON) : {};

function sh(file, argv, env) {
  const r = spawnSync(file, argv, {env: {...process.env, ...env}, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024});
  if (r.error) throw r.error;
  return r;
}
function time(fn) {
  const t = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}
function median(fn, runs = RUNS, warm = true) {
  if (warm) fn();
  const xs = Array.from({length: runs}, () => time(fn)).sort((a, b) => a - b);
  return xs[Math.floor(xs.length / 2)];
}
const ms = (x) => `${Math.round(x)} ms`;

function benchLab(label, scale) {
  const lab = mkdtempSync(path.join(os.tmpdir(), 'pp-rpm-bench-'));
  const built = time(() => {
    const r = sh('/bin/sh', [LAB_SCRIPT, lab, ...(scale ? ['--scale', String(scale)] : [])]);
    if (r.status !== 0) throw new Error(r.stderr);
  });
  const env = {HOME: path.join(lab, 'home'), PATH: `${path.join(lab, 'bin')}:${process.env.PATH}`};
  let n = 0;
  const copy = () => {
    const root = path.join(lab, `r${n++}`);
    sh('/bin/cp', ['-a', path.join(lab, 'template-al2023'), root]);
    return root;
  };
  const R = copy();
  const D = ['-c', `${R}/etc/dnf/dnf.conf`, `--installroot=${R}`, `--setopt=reposdir=${R}/etc/yum.repos.d`, '--releasever=2023', '-q'];
  const plan = () => sh(process.execPath, [CLI, 'plan', '--root', R, '--json', '--now', NOW], env);
  const planOut = plan();
  if (planOut.status !== 0) throw new Error(planOut.stderr);
  const installs = JSON.parse(planOut.stdout).decisions.filter((d) => d.action === 'install');
  const rows = [];
  rows.push(['(a) patchplan plan --root R --json', ms(median(plan))]);
  rows.push(['(a) dnf check-update', ms(median(() => sh('/usr/bin/dnf', [...D, 'check-update'], env)))]);
  rows.push(['(a) dnf updateinfo list --all', ms(median(() => sh('/usr/bin/dnf', [...D, 'updateinfo', 'list', '--all'], env)))]);
  rows.push(['(a) check-update + updateinfo list', ms(median(() => { sh('/usr/bin/dnf', [...D, 'check-update'], env); sh('/usr/bin/dnf', [...D, 'updateinfo', 'list', '--all'], env); }))]);
  rows.push(['(b) dnf updateinfo info --all', ms(median(() => sh('/usr/bin/dnf', [...D, 'updateinfo', 'info', '--all'], env)))]);
  const cache = path.join(R, 'var/cache/dnf');
  const dir = readdirSync(cache).find((d) => /^amzn-updates-[0-9a-f]{16}$/.test(d));
  const gz = readdirSync(path.join(cache, dir, 'repodata')).find((f) => f.endsWith('-updateinfo.xml.gz'));
  const file = path.join(cache, dir, 'repodata', gz);
  let notices = 0;
  if (typeof parseUpdateinfo === 'function') {
    rows.push(['(b) gunzip + parseUpdateinfo (in process)', `${median(() => { notices = parseUpdateinfo(gunzipSync(readFileSync(file)).toString('utf8'), file).length; }).toFixed(1)} ms (${notices} notices)`]);
  } else rows.push(['(b) gunzip + parseUpdateinfo (in process)', 'n/a (no dist/…/rpm-common/index.js)']);
  rows.push(['(b) gzip -dc (the adapter runs it as a command)', ms(median(() => sh('/usr/bin/gzip', ['-dc', '--', file])))]);
  // A plan is bound to its root path: every apply run gets a fresh copy at the same path.
  const AR = path.join(lab, 'apply-root');
  const fresh = () => {
    rmSync(AR, {recursive: true, force: true});
    sh('/bin/cp', ['-a', path.join(lab, 'template-al2023'), AR]);
    return AR;
  };
  const planFile = path.join(lab, 'plan.json');
  fresh();
  sh(process.execPath, [CLI, 'plan', '--root', AR, '--out', planFile, '--now', NOW], env);
  const applyRuns = scale ? 1 : RUNS;
  rows.push([`(c) patchplan apply (${installs.length} packages, fresh copy)`, ms(median(() => {
    const root = fresh();
    const r = sh(process.execPath, [CLI, 'apply', planFile, '--root', root, '--json'], env);
    if (r.status !== 0 && r.status !== 4) throw new Error(r.stderr);
  }, applyRuns, false))]);
  rows.push([`(c) dnf -y --best install NEVRA… (same ${installs.length}, fresh copy)`, ms(median(() => {
    const root = fresh();
    sh('/usr/bin/dnf', ['-c', `${root}/etc/dnf/dnf.conf`, `--installroot=${root}`, `--setopt=reposdir=${root}/etc/yum.repos.d`, '--releasever=2023', '-y', '-q', '--best', 'install',
      ...installs.map((d) => `${d.name}-${d.targetVersion}.${d.arch}`)], env);
  }, applyRuns, false))]);
  console.log(`\n${label}: lab built in ${(built / 1000).toFixed(1)} s; ${installs.length} planned installs`);
  for (const [k, v] of rows) console.log(`  ${k.padEnd(62)} ${v}`);
  if (!flag('--keep')) rmSync(lab, {recursive: true, force: true});
  else console.log(`  kept: ${lab}`);
}

const rpmdbBefore = existsSync(path.join(os.homedir(), '.rpmdb'));
benchLab('small lab (12 packages, 12 advisories)', 0);
if (flag('--scale')) benchLab(`scale lab (+${value('--scale-size', 2000)} packages)`, value('--scale-size', 2000));
const rpmdbAfter = existsSync(path.join(os.homedir(), '.rpmdb'));
console.log(`\nhost ~/.rpmdb: ${rpmdbBefore ? 'present' : 'absent'} before, ${rpmdbAfter ? 'present' : 'absent'} after`);
