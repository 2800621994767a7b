#!/usr/bin/env node
/**
 * patchplan next to the zypper commands it stands in for, on the zypper lab root, in the same run:
 *
 *   (a) `patchplan plan --root R --json`   vs `zypper list-updates` + `zypper list-patches` (XML, as patchplan asks)
 *   (b) patchplan's collection broken down: rpm -qa, list-updates, list-patches --all, search, needs-rebooting
 *   (c) `patchplan apply PLAN --root R`    vs `zypper install name=version…` (the plan's list, a fresh copy each run)
 *
 * Each cell is the median wall time of --runs runs (default 5) after one unmeasured warm-up. Needs
 * `npm run build`, zypper, rpm, rpmbuild, createrepo_c, modifyrepo_c. HOME is the lab's home for
 * every command (Debian's rpm would otherwise write ~/.rpmdb, labs.md §5). Nothing runs on the host
 * root: every command carries --root. Usage: node bench/zypper.mjs [--runs N] [--keep]
 */
import {spawnSync} from 'node:child_process';
import {cpSync, mkdtempSync, readFileSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(REPO, 'bin', 'run.js');
const NOW = '2026-11-24T00:00:00Z';

const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const RUNS = runsAt >= 0 ? Number(args[runsAt + 1]) : 5;
const KEEP = args.includes('--keep');

const lab = mkdtempSync(path.join(os.tmpdir(), 'pp-zypper-bench-'));
const home = path.join(lab, 'home');
const env = {...process.env, HOME: home, LC_ALL: 'C'};

function run(file, argv, options = {}) {
  const started = performance.now();
  const result = spawnSync(file, argv, {env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, ...options});
  const ms = performance.now() - started;
  const ok = options.okCodes ?? [0];
  if (!ok.includes(result.status)) throw new Error(`${file} ${argv.join(' ')} exited ${result.status}: ${result.stderr}`);
  return {ms, stdout: result.stdout};
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Median of RUNS timed runs after one warm-up; `setup` runs untimed before each. */
function measure(fn, setup = () => undefined) {
  fn(setup());
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const state = setup();
    times.push(fn(state));
  }
  return median(times);
}

const t0 = performance.now();
run('/bin/sh', [path.join(REPO, 'test/integration/lab/zypper/build-lab.sh'), lab]);
console.log(`lab built in ${Math.round(performance.now() - t0)} ms (${lab})`);
const template = path.join(lab, 'template');
const Z = ['--root', template, '--non-interactive'];

const rows = [];
const row = (label, ms) => rows.push([label, `${ms.toFixed(0)} ms`]);

// (a)
row('patchplan plan --root R --json', measure(() => run(process.execPath, [CLI, 'plan', '--root', template, '--json', '--now', NOW]).ms));
const luMs = measure(() => run('/usr/bin/zypper', [...Z, '--xmlout', 'list-updates']).ms);
const lpMs = measure(() => run('/usr/bin/zypper', [...Z, '--xmlout', 'list-patches']).ms);
row('zypper --xmlout list-updates', luMs);
row('zypper --xmlout list-patches', lpMs);
row('  sum of the two', luMs + lpMs);
row('node bin/run.js --version (CLI start-up alone)', measure(() => run(process.execPath, [CLI, '--version']).ms));
// In-process collection: what the adapter itself costs once the CLI has started.
const {createZypperAdapter} = await import(path.join(REPO, 'dist/inventory/adapters/zypper/index.js'));
const {execaRunner} = await import(path.join(REPO, 'dist/system/runner.js'));
const {nodeFiles} = await import(path.join(REPO, 'dist/system/node-files.js'));
const node = {hostname: 'sles-lab', machineId: 'x', os: {id: 'sles', versionId: '15.6', name: 'SLES'}, operatingSystem: 'SUSE', product: 'Suse15.6', arch: 'x86_64', manager: 'zypper', root: template, rebootPending: false};
const ctx = {runner: execaRunner, root: template, files: nodeFiles, log: {progress() {}, debug() {}}, lockTimeoutMs: 10_000, env: {HOME: home}};
const collectTimes = [];
for (let i = 0; i <= RUNS; i++) {
  const started = performance.now();
  await createZypperAdapter().collect(ctx, node, {refresh: false});
  if (i > 0) collectTimes.push(performance.now() - started);
}
row('zypper adapter collect(), in process (5 commands + updateinfo)', median(collectTimes));
// (b)
row('rpm --root R -qa --qf …', measure(() => run('/usr/bin/rpm', ['--root', template, '-qa', '--qf', '%{NAME}\\t%{EPOCHNUM}\\t%{VERSION}\\t%{RELEASE}\\t%{ARCH}\\n']).ms));
row('zypper --xmlout list-patches --all', measure(() => run('/usr/bin/zypper', [...Z, '--xmlout', 'list-patches', '--all']).ms));
const names = ['epoch-pp', 'feat-pp', 'kernel-pp', 'new-crit-pp', 'noadv-pp', 'rec-pp', 'sec-crit-pp', 'sec-imp-pp', 'sec-low-pp', 'sec-mod-pp', 'tool-pp'];
row('zypper --xmlout search -s --match-exact (11 names)', measure(() => run('/usr/bin/zypper', [...Z, '--xmlout', 'search', '-s', '--match-exact', '-t', 'package', '--', ...names]).ms));
row('zypper --xmlout info -t patch (1 patch, unstructured)', measure(() => run('/usr/bin/zypper', [...Z, '--xmlout', 'info', '-t', 'patch', 'SUSE-SLE-2026-101']).ms));
row('zypper needs-rebooting', measure(() => run('/usr/bin/zypper', [...Z, 'needs-rebooting'], {okCodes: [0, 102]}).ms));

// (c) A plan names its root, so each run copies the template and plans on the copy (untimed).
let copy = 0;
let specs = [];
const freshPlanned = () => {
  const root = path.join(lab, 'copies', String(copy++));
  cpSync(template, root, {recursive: true, verbatimSymlinks: true});
  const planFile = `${root}.plan.json`;
  run(process.execPath, [CLI, 'plan', '--root', root, '--json', '--now', NOW, '--out', planFile]);
  const plan = JSON.parse(readFileSync(planFile, 'utf8'));
  specs = plan.decisions.filter((d) => d.action === 'install').map((d) => `${d.name}=${d.targetVersion}`);
  return {root, planFile};
};
const applyMs = measure(({root, planFile}) => run(process.execPath, [CLI, 'apply', planFile, '--root', root, '--json']).ms, freshPlanned);
row(`patchplan apply PLAN --root R (${specs.length} packages, incl. read-back)`, applyMs);
row(`zypper install --no-recommends ${specs.length} exact versions`, measure(({root}) => run('/usr/bin/zypper', ['--root', root, '--non-interactive', 'install', '--no-recommends', '--', ...specs]).ms, freshPlanned));

const width = Math.max(...rows.map((r) => r[0].length));
console.log(`\nmedian of ${RUNS} runs (after one warm-up), node ${process.version}, ${os.cpus().length} CPUs`);
for (const [label, value] of rows) console.log(`${label.padEnd(width)}  ${value.padStart(8)}`);
if (!KEEP) rmSync(lab, {recursive: true, force: true});
