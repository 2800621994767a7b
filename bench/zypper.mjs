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
 * root: every command carries --root.
 *
 *   (d) --scale: (a) on a SLES 15 SP6 root with --scale-size (default 2,000) more installed packages, on
 *       the repos of the rpm lab's --scale build (test/integration/lab/rpm/build-rpm-lab.sh, the same
 *       repos bench/rpm.mjs --scale measures dnf on: one rpmbuild of N subpackages per release,
 *       createrepo_c, an N/2-advisory updateinfo via modifyrepo_c). The old versions are installed
 *       with `zypper --root R --non-interactive install` (about two minutes in all; cached by recipe,
 *       bench/labs.mjs zypperRoot, so later runs reuse it). patchplan's side is
 *       --scale-runs runs (default 1) without a warm-up (one plan took minutes there once, in the
 *       adapter's `zypper search -s --match-exact` over every name with an update; 2.8 s on
 *       2026-12-03). The same row, with 5 alternating runs, is row 3 of bench/run.mjs.
 *
 * The side-by-side table at the end (like bench/apt.mjs) gives each cell's median wall time and the
 * largest max RSS of its runs (GNU time's %M; "n/a" without /usr/bin/time). At the end the host's
 * ~/.rpmdb (must stay absent or unchanged) and /var/lib/rpm (checksums) are compared with what they
 * were at the start; a change exits 1.
 * Usage: node bench/zypper.mjs [--runs N] [--scale] [--scale-size N] [--scale-runs N] [--keep]
 */
import {spawnSync} from 'node:child_process';
import {createHash} from 'node:crypto';
import {cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync} from 'node:fs';
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
const SCALE = args.includes('--scale');
const sizeAt = args.indexOf('--scale-size');
const SCALE_SIZE = sizeAt >= 0 ? Number(args[sizeAt + 1]) : 2000;
const scaleRunsAt = args.indexOf('--scale-runs');
const SCALE_RUNS = scaleRunsAt >= 0 ? Number(args[scaleRunsAt + 1]) : 1;
if (![RUNS, SCALE_SIZE, SCALE_RUNS].every((n) => Number.isInteger(n) && n >= 1)) throw new Error('--runs, --scale-size and --scale-runs need a positive integer');
if (!existsSync(path.join(REPO, 'dist', 'commands', 'plan.js'))) throw new Error('dist/ is missing: run `npm run build` first');
const GNU_TIME = '/usr/bin/time';

/** The host's rpm state: whether ~/.rpmdb exists (and its files' checksums), and /var/lib/rpm's. */
function hostRpmState() {
  const sums = (dir) => {
    if (!existsSync(dir)) return 'absent';
    const out = [];
    const walk = (d) => {
      for (const name of readdirSync(d).sort()) {
        const file = path.join(d, name);
        if (statSync(file).isDirectory()) walk(file);
        else out.push(`${file} ${createHash('md5').update(readFileSync(file)).digest('hex')}`);
      }
    };
    walk(dir);
    return out.join('\n');
  };
  return {rpmdb: sums(path.join(os.homedir(), '.rpmdb')), varLibRpm: sums('/var/lib/rpm')};
}
const hostBefore = hostRpmState();

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

/** Runs argv under GNU time (when present): wall ms and max RSS in KiB. */
function runRss(file, argv, runEnv = env, okCodes = [0]) {
  const timeOut = path.join(lab, `time-${Math.random().toString(36).slice(2)}`);
  const useTime = existsSync(GNU_TIME);
  const started = performance.now();
  const result = useTime
    ? spawnSync(GNU_TIME, ['-f', '%M', '-o', timeOut, '--', file, ...argv], {env: runEnv, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024})
    : spawnSync(file, argv, {env: runEnv, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024});
  const ms = performance.now() - started;
  if (!okCodes.includes(result.status)) throw new Error(`${file} ${argv.join(' ')} exited ${result.status}: ${result.stderr}`);
  let rssKiB = null;
  if (useTime && existsSync(timeOut)) {
    rssKiB = Number(readFileSync(timeOut, 'utf8').trim().split('\n').at(-1));
    rmSync(timeOut, {force: true});
  }
  return {ms, rssKiB, stdout: result.stdout};
}

/** Optionally one warm-up, then `runs` samples of `fn` (each returns [{ms, rssKiB}…], summed for ms, max for RSS). */
function pairCell(fn, runs = RUNS, warm = true) {
  if (warm) fn();
  const samples = Array.from({length: runs}, () => {
    const parts = fn();
    const rss = parts.map((p) => p.rssKiB).filter((v) => v !== null && Number.isFinite(v));
    return {ms: parts.reduce((a, p) => a + p.ms, 0), rssKiB: rss.length ? Math.max(...rss) : null};
  });
  const rss = samples.map((s) => s.rssKiB).filter((v) => v !== null);
  return {ms: median(samples.map((s) => s.ms)), rssKiB: rss.length ? Math.max(...rss) : null, runs};
}

/**
 * (a)/(d) row: patchplan plan on ROOT next to list-updates + list-patches on the same ROOT. `ppRuns`
 * and `ppWarm` bound patchplan's side at scale, where one plan took minutes once (see docs/testing.md).
 */
function planRow(label, root, runEnv, ppRuns = RUNS, ppWarm = true) {
  const Zr = ['--root', root, '--non-interactive', '--xmlout'];
  const pp = pairCell(() => [runRss(process.execPath, [CLI, 'plan', '--root', root, '--json', '--now', NOW], runEnv)], ppRuns, ppWarm);
  const zy = pairCell(() => [runRss('/usr/bin/zypper', [...Zr, 'list-updates'], runEnv), runRss('/usr/bin/zypper', [...Zr, 'list-patches'], runEnv)]);
  const lu = pairCell(() => [runRss('/usr/bin/zypper', [...Zr, 'list-updates'], runEnv)]);
  const lp = pairCell(() => [runRss('/usr/bin/zypper', [...Zr, 'list-patches'], runEnv)]);
  return [
    {label, ppCmd: 'patchplan plan --root R --json', zyCmd: 'zypper --xmlout list-updates + list-patches', pp, zy},
    {label: '', ppCmd: '', zyCmd: '  of which list-updates', pp: null, zy: lu},
    {label: '', ppCmd: '', zyCmd: '  of which list-patches', pp: null, zy: lp},
  ];
}

const fmtMs = (ms) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);
const fmtRss = (kib) => (kib === null ? 'n/a' : `${(kib / 1024).toFixed(0)} MiB`);

function printTable(table) {
  const header = ['scenario', 'patchplan', 'median', 'max RSS', 'zypper', 'median', 'max RSS', 'time ratio', 'runs (pp / zypper)'];
  const body = table.map((r) => [
    r.label,
    r.ppCmd,
    r.pp ? fmtMs(r.pp.ms) : '',
    r.pp ? fmtRss(r.pp.rssKiB) : '',
    r.zyCmd,
    fmtMs(r.zy.ms),
    fmtRss(r.zy.rssKiB),
    r.pp ? `${(r.pp.ms / r.zy.ms).toFixed(1)}x` : '',
    r.pp && r.pp.runs !== r.zy.runs ? `${r.pp.runs} / ${r.zy.runs}` : String(r.zy.runs),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of body) console.log(line(row));
}

/**
 * --scale: the SLES 15 SP6 root with sc-0001..sc-N 1.0-1.amzn2 installed by zypper on the rpm lab's
 * scale repos: bench/labs.mjs's zypperRoot (bench/recipes/zypper-root.mjs), cached by recipe like the
 * other generated labs of the bench, so a second run reuses it.
 */
async function buildScaleRoot() {
  const {zypperRoot} = await import('./labs.mjs');
  const lab = await zypperRoot(SCALE_SIZE);
  const scaleEnv = {...process.env, HOME: path.join(lab.dir, 'home'), LC_ALL: 'C'};
  return {root: path.join(lab.dir, 'root'), env: scaleEnv, installed: lab.info.installed, buildMs: lab.buildMs, cached: lab.cached};
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
// In-process collection: what the adapter itself costs once the CLI has started. These are dist/
// internals, and src/ is being restructured (src/inventory/adapters/* → src/managers/*): take
// whichever build exists, or leave this sub-measurement out.
const zypperModule = ['dist/managers/zypper/index.js', 'dist/inventory/adapters/zypper/index.js'].map((p) => path.join(REPO, p)).find((p) => existsSync(p));
const runnerModule = path.join(REPO, 'dist/system/runner.js');
const filesModule = path.join(REPO, 'dist/system/node-files.js');
if (zypperModule && existsSync(runnerModule) && existsSync(filesModule)) {
  const {createZypperAdapter} = await import(zypperModule);
  const {execaRunner} = await import(runnerModule);
  const {nodeFiles} = await import(filesModule);
  const node = {hostname: 'sles-lab', machineId: 'x', os: {id: 'sles', versionId: '15.6', name: 'SLES'}, operatingSystem: 'SUSE', product: 'Suse15.6', arch: 'x86_64', manager: 'zypper', root: template, rebootPending: false};
  const ctx = {runner: execaRunner, root: template, files: nodeFiles, log: {progress() {}, debug() {}}, lockTimeoutMs: 10_000, env: {HOME: home}};
  const collectTimes = [];
  for (let i = 0; i <= RUNS; i++) {
    const started = performance.now();
    await createZypperAdapter().collect(ctx, node, {refresh: false});
    if (i > 0) collectTimes.push(performance.now() - started);
  }
  row('zypper adapter collect(), in process (5 commands + updateinfo)', median(collectTimes));
} else console.log('(zypper adapter collect() in process: left out, no dist/…/zypper/index.js)');
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

// Side by side, with max RSS: the small lab, and with --scale the 2,000-package root.
const zypperVersion = run('/usr/bin/zypper', ['--version']).stdout.trim();
const smallInstalled = run('/usr/bin/rpm', ['--root', template, '-qa']).stdout.split('\n').filter(Boolean).length;
const table = planRow(`(a) zypper lab, ${smallInstalled} installed`, template, env);
if (SCALE) {
  process.stderr.write(`(d) the ${SCALE_SIZE}-package rpm repos and SLES root (cached under /var/tmp/patchplan-bench; a few minutes to build)…\n`);
  const big = await buildScaleRoot();
  console.log(`\n(d) rpm lab --scale ${SCALE_SIZE} and SLES root: ${big.cached ? 'cached' : 'built'} (build ${fmtMs(big.buildMs)})`);
  process.stderr.write(`(d) measuring: patchplan plan ${SCALE_RUNS} run(s), no warm-up; zypper ${RUNS} runs after a warm-up…\n`);
  table.push(...planRow(`(d) scale, ${big.installed} installed`, big.root, big.env, SCALE_RUNS, false));
}
console.log(`\n${zypperVersion}, node ${process.version}, ${os.cpus().length} CPUs; median of ${RUNS} runs after one warm-up, max RSS of those runs${existsSync(GNU_TIME) ? '' : ` (${GNU_TIME} not found: apt-get install time)`}`);
printTable(table);
if (!KEEP) rmSync(lab, {recursive: true, force: true});
else console.log(`kept ${lab}`);
const hostAfter = hostRpmState();
const rpmdbOk = hostAfter.rpmdb === hostBefore.rpmdb;
const varOk = hostAfter.varLibRpm === hostBefore.varLibRpm;
console.log(`\nhost ~/.rpmdb: ${hostBefore.rpmdb === 'absent' ? 'absent' : 'present'} before, ${hostAfter.rpmdb === 'absent' ? 'absent' : 'present'} after${rpmdbOk ? ' (unchanged)' : ' — CHANGED during the bench'}`);
console.log(`host /var/lib/rpm: ${varOk ? 'unchanged' : 'CHANGED during the bench'} (md5 of every file)`);
if (!rpmdbOk || !varOk) process.exitCode = 1;
