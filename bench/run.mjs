#!/usr/bin/env node
/**
 * `npm run bench`: every row of issue 12's table in one run, patchplan next to its reference on
 * this machine, and bench/results.json. See docs/performance.md for what each row measures and why.
 *
 * Each row alternates its sides run by run (patchplan, reference[, second reference], patchplan, …)
 * after --warmup unmeasured rounds (read-only rows; apply rows have none: each run gets a fresh
 * copy of the root), and reports the median wall time of --runs runs and the peak RSS among them
 * (GNU time's %M: the largest resident set of the command or of any child it waited for). A
 * reference made of two commands (dnf check-update + dnf updateinfo list) is timed as the sum of
 * the two, its RSS the larger. Generated roots and repositories come from bench/labs.mjs, cached
 * by recipe under /var/tmp/patchplan-bench (PATCHPLAN_BENCH_CACHE).
 *
 * Never installs into the host: the host row is `patchplan plan --json` only; every apply and every
 * installer run names a sandbox root. The host's dpkg status, ~/.rpmdb and /var/lib/rpm are
 * compared at the end (a change exits 1).
 *
 * Flags: --runs N (5), --warmup N (1), --apply-runs N (rows 8: 5; a round is about a minute of installs),
 *        --scale-runs N (the 20,000-package rows 9apt and 9dnf: 3, no
 *        warm-up), --updateinfo-runs N (row 9updateinfo, where one round takes minutes: 1, no warm-up),
 *        --only ID,ID (row ids: 1 2 3 4 5 6 7 8 9 fleet; 8 and 9 also 8apt 8dnf 9apt 9dnf 9updateinfo),
 *        --out FILE (bench/results.json; with --only the default is bench/results.partial.json).
 */
import {existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {aptLab, aptSynthetic, dnfScale, fleetPlans, inventory, largeUpdateinfo, rpmLab, zypperRoot} from './labs.mjs';
import {CACHE} from './lib/cache.mjs';
import {compareHost, hostState} from './lib/host.mjs';
import {describeMachine} from './lib/machine.mjs';
import {alternate, fmtMs, fmtRss, run, sh, sumParts} from './lib/measure.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..');
const CLI = path.join(REPO, 'bin', 'run.js');
const NODE = process.execPath;
const NOW = '2026-12-02T19:00:00Z';
const SMALL_INVENTORY = path.join(REPO, 'fixtures', 'inventories', 'debian-12.json');

function parseArgs(argv) {
  const o = {runs: 5, warmup: 1, applyRuns: 5, scaleRuns: 3, updateinfoRuns: 1, only: null, out: null};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const int = (min) => {
      const v = Number(argv[++i]);
      if (!Number.isInteger(v) || v < min) throw new Error(`${a} needs an integer ≥ ${min}`);
      return v;
    };
    if (a === '--runs') o.runs = int(1);
    else if (a === '--warmup') o.warmup = int(0);
    else if (a === '--apply-runs') o.applyRuns = int(1);
    else if (a === '--scale-runs') o.scaleRuns = int(1);
    else if (a === '--updateinfo-runs') o.updateinfoRuns = int(1);
    else if (a === '--only') o.only = String(argv[++i] ?? '').split(',').filter(Boolean);
    else if (a === '--out') o.out = path.resolve(argv[++i]);
    else throw new Error(`unknown argument ${a} (flags: --runs N, --warmup N, --apply-runs N, --scale-runs N, --updateinfo-runs N, --only IDS, --out FILE)`);
  }
  o.out ??= path.join(HERE, o.only ? 'results.partial.json' : 'results.json');
  return o;
}

const opts = parseArgs(process.argv.slice(2));
const wanted = (id) => !opts.only || opts.only.some((w) => w === id || (id.length > 1 && w === id[0]));
const log = (m) => process.stderr.write(`${m}\n`);
const labsUsed = [];
const useLab = (name, lab) => {
  if (labsUsed.some((l) => l.dir === lab.dir)) return lab;
  labsUsed.push({name, dir: lab.dir, key: lab.key, cached: lab.cached, buildMs: Math.round(lab.buildMs), info: lab.info});
  return lab;
};

// ---- sides -------------------------------------------------------------------------------------

/** A side that runs one command; `before` (untimed) may prepare per run. */
const side = (id, file, args, options = {}, before) => ({
  id,
  fn: async (round) => {
    if (before) await before(round);
    return run(file, args, {tag: id, ...options});
  },
});
/** A side whose sample is the sum of several commands (each under GNU time). */
const sumSide = (id, commands) => ({
  id,
  fn: async () => {
    const parts = [];
    for (const [file, args, options] of commands) parts.push(await run(file, args, {tag: `${id}-${parts.length}`, ...options}));
    return sumParts(parts);
  },
});

// ---- rows --------------------------------------------------------------------------------------

/** A result row: ratios and the goal's verdict. `goal` is {time?: x, memory?: x, overMs?: ms}. */
function row({id, name, pp, ref, ppCmd, refCmd, goal, goalText, notes}) {
  const ratioTime = Math.round((pp.medianMs / ref.medianMs) * 100) / 100;
  const ratioMemory = pp.peakRssKiB && ref.peakRssKiB ? Math.round((pp.peakRssKiB / ref.peakRssKiB) * 100) / 100 : null;
  const overMs = Math.round(pp.medianMs - ref.medianMs);
  const checks = [];
  if (goal.time !== undefined) checks.push(ratioTime <= goal.time);
  if (goal.memory !== undefined) checks.push(ratioMemory !== null && ratioMemory <= goal.memory);
  if (goal.overMs !== undefined) checks.push(overMs <= goal.overMs);
  const r = {
    id,
    name,
    patchplan: {command: ppCmd, ...pp},
    reference: {command: refCmd, ...ref},
    patchplanMedianMs: pp.medianMs,
    referenceMedianMs: ref.medianMs,
    ratioTime,
    patchplanPeakRssKiB: pp.peakRssKiB,
    referencePeakRssKiB: ref.peakRssKiB,
    ratioMemory,
    overMs,
    goal: goalText,
    goalLimits: goal,
    met: checks.every(Boolean),
    ...(notes ? {notes} : {}),
  };
  log(`  → ${id}: patchplan ${fmtMs(pp.medianMs)} ${fmtRss(pp.peakRssKiB)} | reference ${fmtMs(ref.medianMs)} ${fmtRss(ref.peakRssKiB)} | ${ratioTime}× time${ratioMemory ? `, ${ratioMemory}× memory` : ''} | goal ${goalText}: ${r.met ? 'met' : 'MISSED'}`);
  return r;
}

const progress = (label) => (round) => log(`  ${label}: ${round < 0 ? 'warm-up' : `run ${round + 1}`} done`);

/** Rows 1 and 9apt: a live apt plan next to apt-get -s upgrade and apt list --upgradable. */
async function aptPlanRows(idPrefix, label, {root, aptConfig, runs, warmup, notes}) {
  const ppArgs = root ? [CLI, 'plan', '--root', root, '--json'] : [CLI, 'plan', '--json'];
  const env = {...process.env, LC_ALL: 'C', ...(aptConfig ? {APT_CONFIG: aptConfig} : {})};
  const ppEnv = {...process.env, LC_ALL: 'C'};
  delete ppEnv.APT_CONFIG; // patchplan configures apt for --root itself
  const res = await alternate(
    [
      side('pp', NODE, ppArgs, {env: ppEnv}),
      side('aptget', '/usr/bin/apt-get', ['-s', 'upgrade'], {env}),
      side('aptlist', '/usr/bin/apt', ['list', '--upgradable'], {env}),
    ],
    {runs, warmup, progress: progress(label)},
  );
  const ppCmd = root ? 'patchplan plan --root R --json' : 'patchplan plan --json';
  return [
    row({id: `${idPrefix}a`, name: `${label}: vs apt-get -s upgrade`, pp: res.pp, ref: res.aptget, ppCmd, refCmd: 'apt-get -s upgrade',
      goal: {time: 1.2, memory: 1.5}, goalText: '≤ 1.2× time, ≤ 1.5× peak RSS', notes}),
    row({id: `${idPrefix}b`, name: `${label}: vs apt list --upgradable`, pp: res.pp, ref: res.aptlist, ppCmd, refCmd: 'apt list --upgradable',
      goal: {time: 2}, goalText: '≤ 2× time', notes}),
  ];
}

/** Rows 2, 9dnf, 9updateinfo: a live dnf plan next to dnf check-update + dnf updateinfo list. */
async function dnfPlanRow(id, label, {root, home, labBin, runs, warmup, updateinfoArgs, goal, notes}) {
  const env = {...process.env, HOME: home, LC_ALL: 'C', PATH: `${labBin}:${process.env.PATH}`};
  const D = ['-c', `${root}/etc/dnf/dnf.conf`, `--installroot=${root}`, `--setopt=reposdir=${root}/etc/yum.repos.d`, '--releasever=2023', '-q'];
  const res = await alternate(
    [
      side('pp', NODE, [CLI, 'plan', '--root', root, '--json', '--now', NOW], {env}),
      sumSide('dnf', [
        ['/usr/bin/dnf', [...D, 'check-update'], {env, accept: [100]}],
        ['/usr/bin/dnf', [...D, 'updateinfo', 'list', ...updateinfoArgs], {env}],
      ]),
    ],
    {runs, warmup, progress: progress(label)},
  );
  return row({id, name: label, pp: res.pp, ref: res.dnf, ppCmd: 'patchplan plan --root R --json',
    refCmd: `dnf check-update + dnf updateinfo list${updateinfoArgs.length ? ` ${updateinfoArgs.join(' ')}` : ''}`,
    goal: {time: goal}, goalText: `≤ ${goal}× time`, notes});
}

/**
 * Rows 8: apply next to the installer given the same list. Each run: a fresh `cp -a` of the lab's
 * template for each side (untimed), patchplan plans on its copy (untimed) and applies (timed); the
 * installer gets the plan's list on the other copy (timed); both roots must end with the same
 * versions.
 */
async function applyRow({id, lab, template, what, ppEnv, nowArgs, prepare, specOf, install, versions, refCmd}) {
  const runs = path.join(lab.dir, 'bench-runs');
  rmSync(runs, {recursive: true, force: true});
  mkdirSync(runs, {recursive: true});
  const copy = async (name) => {
    const root = path.join(runs, name);
    rmSync(root, {recursive: true, force: true});
    await sh('/bin/cp', ['-a', path.join(lab.dir, template), root]);
    await prepare(root);
    return root;
  };
  const planFile = path.join(runs, 'plan.json');
  let specs = null;
  let mine = null;
  try {
    const res = await alternate(
      [
        {
          id: 'pp',
          fn: async () => {
            mine = await copy('pp');
            rmSync(planFile, {force: true});
            await run(NODE, [CLI, 'plan', '--root', mine, '--out', planFile, '--json', ...nowArgs], {env: ppEnv, tag: 'plan'});
            specs = JSON.parse(readFileSync(planFile, 'utf8')).decisions.filter((d) => d.action === 'install').map(specOf);
            return run(NODE, [CLI, 'apply', planFile, '--root', mine, '--json'], {env: ppEnv, tag: 'pp'});
          },
        },
        {
          id: 'ref',
          fn: async () => {
            const theirs = await copy('ref');
            const r = await install(theirs, specs);
            if ((await versions(mine)) !== (await versions(theirs))) throw new Error(`row ${id}: patchplan apply and the installer left different versions`);
            return r;
          },
        },
      ],
      {runs: opts.applyRuns, warmup: 0, progress: progress(`apply, ${what}`)},
    );
    return [row({id, name: `apply of ${specs.length} packages, ${what} (${lab.info.installed} installed, fresh copy per run)`, pp: res.pp, ref: res.ref,
      ppCmd: 'patchplan apply PLAN --root R --json', refCmd, goal: {time: 1.05}, goalText: '≤ 1.05× time'})];
  } finally {
    rmSync(runs, {recursive: true, force: true});
  }
}

const ROWS = [
  {
    id: '1',
    async run() {
      const installed = (await sh('/usr/bin/dpkg-query', ['-W'])).stdout.split('\n').filter(Boolean).length;
      return aptPlanRows('1', `live plan, this Debian host (${installed} installed)`, {runs: opts.runs, warmup: opts.warmup,
        notes: 'read-only on the real host: patchplan plan --json without --root; no apply'});
    },
  },
  {
    id: '2',
    async run() {
      const lab = useLab('rpm-lab-2000', await rpmLab(2000));
      return [await dnfPlanRow('2', `dnf lab, ${lab.info.installed} installed / ${lab.info.advisories + 12} advisories`, {
        root: path.join(lab.dir, 'template-al2023'), home: path.join(lab.dir, 'home'), labBin: path.join(lab.dir, 'bin'),
        runs: opts.runs, warmup: opts.warmup, updateinfoArgs: [], goal: 1.5})];
    },
  },
  {
    id: '3',
    async run() {
      const lab = useLab('zypper-root-2000', await zypperRoot(2000));
      const root = path.join(lab.dir, 'root');
      const env = {...process.env, HOME: path.join(lab.dir, 'home'), LC_ALL: 'C'};
      const Z = ['--root', root, '--non-interactive', '--xmlout'];
      const res = await alternate(
        [
          side('pp', NODE, [CLI, 'plan', '--root', root, '--json', '--now', NOW], {env}),
          sumSide('zypper', [['/usr/bin/zypper', [...Z, 'list-updates'], {env}], ['/usr/bin/zypper', [...Z, 'list-patches'], {env}]]),
        ],
        {runs: opts.runs, warmup: opts.warmup, progress: progress('zypper lab')},
      );
      return [row({id: '3', name: `zypper lab, ${lab.info.installed} installed / ${lab.info.patches} patches`, pp: res.pp, ref: res.zypper,
        ppCmd: 'patchplan plan --root R --json', refCmd: 'zypper --xmlout list-updates + list-patches', goal: {time: 1.5}, goalText: '≤ 1.5× time'})];
    },
  },
  {
    id: '4',
    async run() {
      const lab = useLab('inventory-50000', await inventory(50_000, 2));
      const file = lab.info.file;
      const work = mkdtempSync(path.join(os.tmpdir(), 'pp-bench-offline-'));
      const planOut = path.join(work, 'plan.json');
      const floorOut = path.join(work, 'floor.json');
      try {
        const res = await alternate(
          [
            side('pp', NODE, [CLI, 'plan', '--inventory', file, '--json', '--out', planOut, '--now', NOW], {}, () => rmSync(planOut, {force: true})),
            side('floor', NODE, [path.join(HERE, 'floor.mjs'), file, floorOut], {}, () => rmSync(floorOut, {force: true})),
          ],
          {runs: opts.runs, warmup: opts.warmup, progress: progress('offline 50,000')},
        );
        return [row({id: '4', name: `offline plan, 50,000 packages / 100,000 candidates (${(lab.info.bytes / 1e6).toFixed(1)} MB inventory)`,
          pp: res.pp, ref: res.floor, ppCmd: 'patchplan plan --inventory F --json --out P', refCmd: 'node bench/floor.mjs F OUT (read, parse, re-serialise, sha256, write)',
          goal: {time: 1.5, memory: 1.5}, goalText: '≤ 1.5× time, ≤ 1.5× peak RSS'})];
      } finally {
        rmSync(work, {recursive: true, force: true});
      }
    },
  },
  {
    id: '5',
    async run() {
      const lab = useLab('inventory-3000', await inventory(3_000, 1));
      const base = [CLI, 'plan', '--inventory', lab.info.file, '--now', NOW];
      const env = {...process.env, COLUMNS: '80'};
      const res = await alternate([side('human', NODE, base, {env}), side('json', NODE, [...base, '--json'], {env})],
        {runs: opts.runs, warmup: opts.warmup, progress: progress('human vs --json')});
      return [row({id: '5', name: 'human view vs --json, 3,000 packages (offline plan)', pp: res.human, ref: res.json,
        ppCmd: 'patchplan plan --inventory F (human view, 80 columns, stdout a file)', refCmd: 'patchplan plan --inventory F --json', goal: {time: 1.2}, goalText: '≤ 1.2× time'})];
    },
  },
  {
    id: '6',
    async run() {
      const res = await alternate([side('pp', NODE, [CLI, '--version']), side('node', NODE, ['-e', '0'])],
        {runs: opts.runs, warmup: opts.warmup, progress: progress('--version')});
      return [row({id: '6', name: 'patchplan --version (start-up)', pp: res.pp, ref: res.node, ppCmd: 'patchplan --version', refCmd: 'node -e 0',
        goal: {overMs: 80}, goalText: '≤ +80 ms over node -e 0'})];
    },
  },
  {
    id: '7',
    async run() {
      const n = JSON.parse(readFileSync(SMALL_INVENTORY, 'utf8')).packages.length;
      const base = [CLI, 'plan', '--inventory', SMALL_INVENTORY, '--now', NOW];
      const res = await alternate([side('human', NODE, base), side('json', NODE, [...base, '--json']), side('node', NODE, ['-e', '0'])],
        {runs: opts.runs, warmup: opts.warmup, progress: progress(`offline ${n}`)});
      return [
        row({id: '7a', name: `offline plan, ${n} packages (fixtures/inventories/debian-12.json), human view`, pp: res.human, ref: res.node,
          ppCmd: 'patchplan plan --inventory F', refCmd: 'node -e 0', goal: {overMs: 150}, goalText: '≤ +150 ms over node -e 0'}),
        row({id: '7b', name: `offline plan, ${n} packages, --json`, pp: res.json, ref: res.node,
          ppCmd: 'patchplan plan --inventory F --json', refCmd: 'node -e 0', goal: {overMs: 150}, goalText: '≤ +150 ms over node -e 0'}),
      ];
    },
  },
  {
    id: 'fleet',
    async run() {
      const lab = useLab('fleet-plans-5000', await fleetPlans(5_000));
      const dir = lab.info.dir;
      const res = await alternate(
        [side('pp', NODE, [CLI, 'fleet', 'report', dir, '--json']), side('floor', NODE, [path.join(HERE, 'fleet-floor.mjs'), dir])],
        {runs: opts.runs, warmup: opts.warmup, progress: progress('fleet report 5,000')},
      );
      return [row({id: 'fleet', name: `fleet report, ${lab.info.count.toLocaleString('en')} plan files (${(lab.info.bytes / 1e6).toFixed(1)} MB)`, pp: res.pp, ref: res.floor,
        ppCmd: 'patchplan fleet report DIR --json', refCmd: 'node bench/fleet-floor.mjs DIR (read + JSON.parse each file)',
        goal: {time: 3}, goalText: '≤ 3× time (every plan digest-verified and schema-checked)'})];
    },
  },
  {
    id: '8apt',
    async run() {
      const lab = useLab('apt-lab-2000', await aptLab(2000));
      const confIn = readFileSync(path.join(lab.dir, 'apt.conf.in'), 'utf8');
      const ppEnv = {...process.env, TMPDIR: os.tmpdir(), LC_ALL: 'C'};
      delete ppEnv.APT_CONFIG; // patchplan configures apt for --root itself
      const aptEnv = (root) => ({...process.env, APT_CONFIG: `${root}.apt.conf`, LC_ALL: 'C', DEBIAN_FRONTEND: 'noninteractive'});
      return applyRow({
        id: '8apt', lab, template: 'template', what: 'apt sandbox', ppEnv, nowArgs: [],
        prepare: (root) => writeFileSync(`${root}.apt.conf`, confIn.replaceAll('@ROOT@', root)),
        specOf: (d) => (d.arch === 'all' || d.arch === '' ? `${d.name}=${d.targetVersion}` : `${d.name}:${d.arch}=${d.targetVersion}`),
        install: (root, specs) => run('/usr/bin/apt-get', ['-y', '-q', '--no-install-recommends', '--no-remove', 'install', '--', ...specs], {env: aptEnv(root), tag: 'ref'}),
        versions: async (root) => (await sh('/usr/bin/dpkg-query', [`--admindir=${root}/var/lib/dpkg`, '-W'])).stdout,
        refCmd: "apt-get -y --no-install-recommends --no-remove install NAME=VERSION… (the plan's list)",
      });
    },
  },
  {
    id: '8dnf',
    async run() {
      const lab = useLab('rpm-lab-2000', await rpmLab(2000));
      const env = {...process.env, HOME: path.join(lab.dir, 'home'), LC_ALL: 'C', PATH: `${path.join(lab.dir, 'bin')}:${process.env.PATH}`};
      return applyRow({
        id: '8dnf', lab, template: 'template-al2023', what: 'dnf sandbox', ppEnv: env, nowArgs: ['--now', NOW],
        prepare: () => undefined,
        specOf: (d) => `${d.name}-${d.targetVersion}.${d.arch}`,
        install: (root, nevras) => run('/usr/bin/dnf', ['-c', `${root}/etc/dnf/dnf.conf`, `--installroot=${root}`, `--setopt=reposdir=${root}/etc/yum.repos.d`,
          '--releasever=2023', '-y', '-q', '--best', 'install', ...nevras], {env, tag: 'ref'}),
        versions: async (root) => (await sh('/usr/bin/rpm', ['--root', root, '-qa', '--qf', '%{NAME}-%{EPOCHNUM}:%{VERSION}-%{RELEASE}.%{ARCH}\\n'], {env})).stdout.split('\n').sort().join('\n'),
        refCmd: "dnf -y --best install NEVRA… (the plan's list)",
      });
    },
  },
  {
    id: '9apt',
    async run() {
      const lab = useLab('apt-synthetic-20000', await aptSynthetic(20_000, 10, 15));
      const root = path.join(lab.dir, 'template');
      const aptConfig = path.join(lab.dir, 'bench.apt.conf');
      writeFileSync(aptConfig, readFileSync(path.join(lab.dir, 'apt.conf.in'), 'utf8').replaceAll('@ROOT@', root));
      return aptPlanRows('9apt', `scale: apt sandbox, ${lab.info.installed} installed / ${lab.info.upgradable} upgradable`, {root, aptConfig, runs: opts.scaleRuns, warmup: 0,
        notes: 'generated indexes and dpkg status (bench/recipes/apt-synthetic.mjs)'});
    },
  },
  {
    id: '9dnf',
    async run() {
      const lab = useLab('dnf-scale-20000-adv30000', await dnfScale(20_000, 30_000));
      return [await dnfPlanRow('9dnf', `scale: dnf sandbox, ${lab.info.installed} installed / ${lab.info.advisories} advisories`, {
        root: path.join(lab.dir, 'template-al2023'), home: path.join(lab.dir, 'home'), labBin: path.join(lab.dir, 'bin'),
        runs: opts.scaleRuns, warmup: 0, updateinfoArgs: [], goal: 1.5})];
    },
  },
  {
    id: '9updateinfo',
    async run() {
      const lab = useLab('dnf-updateinfo-100000', await largeUpdateinfo(100_000));
      const base = useLab('rpm-lab-2000', await rpmLab(2000));
      return [await dnfPlanRow('9updateinfo', `scale: ${(lab.info.bytes / 1e6).toFixed(0)} MB updateinfo.xml (${lab.info.count.toLocaleString('en')} advisories), dnf root of ${lab.info.installed} installed`, {
        root: path.join(lab.dir, 'root'), home: path.join(lab.dir, 'home'), labBin: path.join(base.dir, 'bin'),
        runs: opts.updateinfoRuns, warmup: 0, updateinfoArgs: ['--all'], goal: 1.5,
        notes: 'reference: dnf check-update + dnf updateinfo list --all (patchplan reads every advisory, applicable or not, and the updates; --all makes dnf go through every advisory too)'})];
    },
  },
];

// ---- table -------------------------------------------------------------------------------------

function printTable(rows) {
  const header = ['row', 'patchplan', 'median', 'peak RSS', 'reference', 'median', 'peak RSS', 'time', 'memory', 'goal', 'met'];
  const body = rows.map((r) => [
    r.id,
    r.patchplan.command,
    fmtMs(r.patchplanMedianMs),
    fmtRss(r.patchplanPeakRssKiB),
    r.reference.command,
    fmtMs(r.referenceMedianMs),
    fmtRss(r.referencePeakRssKiB),
    r.goalLimits.overMs !== undefined ? `${r.overMs >= 0 ? '+' : ''}${r.overMs} ms` : `${r.ratioTime.toFixed(2)}×`,
    r.ratioMemory === null ? 'n/a' : `${r.ratioMemory.toFixed(2)}×`,
    r.goal,
    r.met ? 'yes' : 'NO',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const b of body) console.log(line(b));
  console.log('');
  for (const r of rows) console.log(`${r.id.padEnd(12)} ${r.name}`);
}

async function main() {
  if (!existsSync(path.join(REPO, 'dist', 'commands', 'plan.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  for (const tool of ['/usr/bin/time', '/usr/bin/apt-get', '/usr/bin/dpkg-query', '/usr/bin/dnf', '/usr/bin/rpm', '/usr/bin/zypper', '/usr/bin/createrepo_c', '/usr/bin/rpmbuild']) {
    if (!existsSync(tool)) throw new Error(`${tool} is missing: run scripts/install-test-deps.sh${tool === '/usr/bin/time' ? ' and apt-get install time' : ''}`);
  }
  const started = Date.now();
  const before = hostState();
  const machine = describeMachine(REPO);
  log(`patchplan bench: ${machine.cpuModel}, ${machine.cores} cores, ${machine.memory}, ${machine.kernel}, node ${machine.node}; ${opts.runs} runs per side (rows 8 ${opts.applyRuns}, rows 9apt/9dnf ${opts.scaleRuns}, 9updateinfo ${opts.updateinfoRuns}, no warm-up there), ${opts.warmup} warm-up`);
  const rows = [];
  let failure = null;
  try {
    for (const r of ROWS) {
      if (!wanted(r.id)) continue;
      log(`row ${r.id} …`);
      const t = Date.now();
      const out = await r.run();
      for (const x of out) x.rowSeconds = Math.round((Date.now() - t) / 100) / 10;
      rows.push(...out);
    }
  } catch (error) {
    failure = error;
  }
  const after = hostState();
  const host = compareHost(before, after);
  const results = {
    generatedAt: new Date().toISOString(),
    durationSeconds: Math.round((Date.now() - started) / 1000),
    command: `node bench/run.mjs ${process.argv.slice(2).join(' ')}`.trim(),
    machine,
    method: {runs: opts.runs, applyRuns: opts.applyRuns, scaleRuns: opts.scaleRuns, updateinfoRuns: opts.updateinfoRuns, warmup: opts.warmup, scaleWarmup: 0, time: 'median wall time (ms) of the runs; sides alternate run by run',
      memory: 'peak RSS: the largest GNU time %M (KiB) among the runs', cache: CACHE},
    labs: labsUsed,
    hostUnchanged: host.ok,
    host: after,
    ...(failure ? {error: failure.message} : {}),
    rows,
  };
  writeFileSync(opts.out, `${JSON.stringify(results, null, 2)}\n`);
  console.log('');
  if (rows.length) printTable(rows);
  console.log('');
  for (const l of host.lines) console.log(l);
  const met = rows.filter((r) => r.met).length;
  console.log(`\n${met} of ${rows.length} goals met; ${results.durationSeconds} s in all; labs: ${labsUsed.map((l) => `${l.name} ${l.cached ? 'cached' : `built in ${(l.buildMs / 1000).toFixed(0)} s`}`).join(', ') || 'none'}`);
  console.log(`wrote ${path.relative(process.cwd(), opts.out) || opts.out}`);
  if (failure) throw failure;
  if (!host.ok) process.exitCode = 1;
}

main().catch((error) => {
  console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
