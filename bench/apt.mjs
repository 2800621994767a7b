#!/usr/bin/env node
/**
 * `npm run bench`: patchplan next to the apt commands it stands in for, on this machine.
 *
 *   (a) host     `patchplan plan --json`            vs `apt list --upgradable`   (read-only, the real apt state)
 *   (b) sandbox  `patchplan plan --root R --json`   vs `apt list --upgradable`   (APT_CONFIG for R)
 *   (c) sandbox  `patchplan apply PLAN --root R`    vs `apt-get install name=version…` (the plan's own list, a fresh copy each run)
 *   (d) --scale  (b) and (c) on a root with ~2,000 installed packages (labs.md §6; builds for ~1 min)
 *
 * Each cell is the median wall time of --runs runs (after one unmeasured warm-up for the read-only
 * pairs) and the largest max RSS among them (GNU time's %M; "n/a" without /usr/bin/time).
 * Needs `npm run build` and the tools of scripts/install-test-deps.sh. Runs as root or as a user
 * who owns the lab (dpkg --force-not-root). Never installs anything on the host: every
 * installing command carries the sandbox root; the host's /var/lib/dpkg/status checksum is
 * compared at the end.
 *
 * Flags: --runs N (default 5), --scale, --scale-size N (default 2000), --scale-runs N (default 1), --keep.
 */
import {spawn} from 'node:child_process';
import {createHash} from 'node:crypto';
import {existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(REPO, 'bin', 'run.js');
const LAB_SCRIPT = path.join(REPO, 'test', 'integration', 'lab', 'build-lab.sh');
const GNU_TIME = '/usr/bin/time';
const HOST_STATUS = '/var/lib/dpkg/status';

function parseArgs(argv) {
  const options = {runs: 5, scale: false, scaleSize: 2000, scaleRuns: 1, keep: false};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const number = () => {
      const value = Number(argv[++i]);
      if (!Number.isInteger(value) || value < 1) throw new Error(`${arg} needs a positive integer`);
      return value;
    };
    if (arg === '--runs') options.runs = number();
    else if (arg === '--scale') options.scale = true;
    else if (arg === '--scale-size') options.scaleSize = number();
    else if (arg === '--scale-runs') options.scaleRuns = number();
    else if (arg === '--keep') options.keep = true;
    else throw new Error(`unknown argument ${arg} (flags: --runs N, --scale, --scale-size N, --scale-runs N, --keep)`);
  }
  return options;
}

/** Runs argv (never a shell) under GNU time when it exists; returns exit code, output, wall ms and max RSS in KiB. */
function measure(file, args, env = process.env) {
  const timeOut = path.join(os.tmpdir(), `pp-bench-time-${process.pid}-${Math.random().toString(36).slice(2)}`);
  const useTime = existsSync(GNU_TIME);
  const [cmd, argv] = useTime ? [GNU_TIME, ['-f', '%M', '-o', timeOut, '--', file, ...args]] : [file, args];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(cmd, argv, {env, stdio: ['ignore', 'pipe', 'pipe']});
    const out = [];
    const err = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    child.once('error', reject);
    child.once('close', (code) => {
      const ms = performance.now() - started;
      let rssKiB = null;
      if (useTime && existsSync(timeOut)) {
        // GNU time writes "Command exited with non-zero status N" before %M on failure.
        const last = readFileSync(timeOut, 'utf8').trim().split('\n').at(-1);
        rssKiB = Number(last);
        rmSync(timeOut, {force: true});
      }
      resolve({code, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString(), ms, rssKiB});
    });
  });
}

async function mustRun(file, args, env) {
  const result = await measure(file, args, env);
  if (result.code !== 0) throw new Error(`${file} ${args.join(' ')} exited ${result.code}: ${result.stderr.trim().split('\n').at(-1)}`);
  return result;
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

function summarize(samples) {
  const rss = samples.map((s) => s.rssKiB).filter((v) => v !== null && Number.isFinite(v));
  return {ms: median(samples.map((s) => s.ms)), rssKiB: rss.length ? Math.max(...rss) : null, runs: samples.length};
}

/** Read-only commands: one warm-up (page cache, apt's pkgcache), then `runs` measured runs. */
async function repeat(runs, file, args, env, accept = [0]) {
  const samples = [];
  for (let i = 0; i <= runs; i++) {
    const result = await measure(file, args, env);
    if (!accept.includes(result.code)) throw new Error(`${path.basename(file)} ${args.join(' ')} exited ${result.code}: ${result.stderr.trim().split('\n').at(-1)}`);
    if (i > 0) samples.push(result);
  }
  return summarize(samples);
}

function md5(file) {
  return createHash('md5').update(readFileSync(file)).digest('hex');
}

async function buildLab(dir, scale) {
  const started = performance.now();
  await mustRun('/bin/sh', [LAB_SCRIPT, dir, ...(scale ? ['--scale', String(scale)] : [])]);
  mkdirSync(path.join(dir, 'tmp'), {recursive: true});
  mkdirSync(path.join(dir, 'roots'), {recursive: true});
  const installed = (await mustRun('/usr/bin/dpkg-query', [`--admindir=${dir}/template/var/lib/dpkg`, '-W'])).stdout.split('\n').filter(Boolean).length;
  return {dir, installed, tmpdir: path.join(dir, 'tmp'), confTemplate: readFileSync(path.join(dir, 'apt.conf.in'), 'utf8'), buildMs: performance.now() - started, copies: 0};
}

/** A `cp -a` copy of the template and its APT_CONFIG (outside the root, labs.md §1.3). */
async function copyRoot(lab) {
  const name = `r${++lab.copies}`;
  const root = path.join(lab.dir, 'roots', name);
  await mustRun('/bin/cp', ['-a', path.join(lab.dir, 'template'), root]);
  const aptConfig = path.join(lab.dir, 'roots', `${name}.apt.conf`);
  writeFileSync(aptConfig, lab.confTemplate.replaceAll('@ROOT@', root));
  return {root, aptConfig};
}

const cliEnv = (lab) => ({...process.env, TMPDIR: lab.tmpdir, LC_ALL: 'C'});
const aptEnv = (copy) => ({...process.env, APT_CONFIG: copy.aptConfig, LC_ALL: 'C', DEBIAN_FRONTEND: 'noninteractive'});

async function planPair(lab, runs, label) {
  const copy = await copyRoot(lab);
  const pp = await repeat(runs, process.execPath, [CLI, 'plan', '--root', copy.root, '--json'], cliEnv(lab));
  const apt = await repeat(runs, '/usr/bin/apt', ['list', '--upgradable'], aptEnv(copy));
  return {label, ppCmd: 'patchplan plan --root R --json', aptCmd: 'apt list --upgradable', pp, apt};
}

/** One fresh copy per run: apply (patchplan) and apt-get install of the same name=version list. */
async function applyPair(lab, runs, label) {
  const ppSamples = [];
  const aptSamples = [];
  let installs = 0;
  for (let i = 0; i < runs; i++) {
    const mine = await copyRoot(lab);
    const planFile = `${mine.root}.plan.json`;
    const planned = await mustRun(process.execPath, [CLI, 'plan', '--root', mine.root, '--out', planFile, '--json'], cliEnv(lab));
    const specs = JSON.parse(planned.stdout)
      .decisions.filter((d) => d.action === 'install')
      .map((d) => (d.arch === 'all' || d.arch === '' ? `${d.name}=${d.targetVersion}` : `${d.name}:${d.arch}=${d.targetVersion}`));
    installs = specs.length;
    ppSamples.push(await mustRun(process.execPath, [CLI, 'apply', planFile, '--root', mine.root, '--json'], cliEnv(lab)));

    const theirs = await copyRoot(lab);
    aptSamples.push(
      await mustRun('/usr/bin/apt-get', ['-y', '-q', '--no-install-recommends', '--no-remove', 'install', '--', ...specs], aptEnv(theirs)),
    );
    const versions = async (root) => (await mustRun('/usr/bin/dpkg-query', [`--admindir=${root}/var/lib/dpkg`, '-W'])).stdout;
    if ((await versions(mine.root)) !== (await versions(theirs.root))) throw new Error(`${label}: patchplan and apt-get left different versions`);
    rmSync(mine.root, {recursive: true, force: true});
    rmSync(theirs.root, {recursive: true, force: true});
  }
  return {
    label: `${label} (${installs} packages)`,
    ppCmd: 'patchplan apply PLAN --root R --json',
    aptCmd: 'apt-get install name=version…',
    pp: summarize(ppSamples),
    apt: summarize(aptSamples),
  };
}

function formatMs(ms) {
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}
function formatRss(kib) {
  return kib === null ? 'n/a' : `${(kib / 1024).toFixed(0)} MiB`;
}

function printTable(rows) {
  const header = ['scenario', 'patchplan', 'median', 'max RSS', 'apt', 'median', 'max RSS', 'time ratio', 'runs'];
  const body = rows.map((r) => [
    r.label,
    r.ppCmd,
    formatMs(r.pp.ms),
    formatRss(r.pp.rssKiB),
    r.aptCmd,
    formatMs(r.apt.ms),
    formatRss(r.apt.rssKiB),
    `${(r.pp.ms / r.apt.ms).toFixed(1)}x`,
    String(r.pp.runs),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of body) console.log(line(row));
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (!existsSync(path.join(REPO, 'dist', 'commands', 'plan.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  for (const tool of ['/usr/bin/apt', '/usr/bin/apt-get', '/usr/bin/apt-ftparchive', '/usr/bin/dpkg-deb', '/usr/bin/dpkg-query']) {
    if (!existsSync(tool)) throw new Error(`${tool} is missing: run scripts/install-test-deps.sh`);
  }
  const hostStatus = md5(HOST_STATUS);
  const aptVersion = (await mustRun('/usr/bin/apt-get', ['--version'])).stdout.split('\n')[0];
  const hostInstalled = (await mustRun('/usr/bin/dpkg-query', ['-W'])).stdout.split('\n').filter(Boolean).length;
  console.log(`patchplan bench: ${os.cpus().length} CPUs, node ${process.version}, ${aptVersion}, ${options.runs} runs per cell (median; max RSS of the runs)`);
  if (!existsSync(GNU_TIME)) console.log(`(${GNU_TIME} not found: max RSS is n/a; apt-get install time)`);

  const rows = [];
  const labs = [];
  try {
    process.stderr.write('(a) host…\n');
    const hostPp = await repeat(options.runs, process.execPath, [CLI, 'plan', '--json'], {...process.env, LC_ALL: 'C'});
    const hostApt = await repeat(options.runs, '/usr/bin/apt', ['list', '--upgradable'], {...process.env, LC_ALL: 'C'});
    rows.push({label: `(a) host, ${hostInstalled} installed`, ppCmd: 'patchplan plan --json', aptCmd: 'apt list --upgradable', pp: hostPp, apt: hostApt});

    process.stderr.write('(b, c) sandbox…\n');
    const small = await buildLab(mkdtempSync(path.join(os.tmpdir(), 'pp-bench-')), 0);
    labs.push(small);
    rows.push(await planPair(small, options.runs, `(b) sandbox, ${small.installed} installed`));
    rows.push(await applyPair(small, options.runs, '(c) sandbox apply'));

    if (options.scale) {
      process.stderr.write(`(d) building the ${options.scaleSize}-package sandbox (about a minute)…\n`);
      const big = await buildLab(mkdtempSync(path.join(os.tmpdir(), 'pp-bench-scale-')), options.scaleSize);
      labs.push(big);
      process.stderr.write(`(d) built in ${formatMs(big.buildMs)}; measuring…\n`);
      rows.push(await planPair(big, Math.min(options.runs, 3), `(d) scale, ${big.installed} installed`));
      rows.push(await applyPair(big, options.scaleRuns, '(d) scale apply'));
    }
  } finally {
    for (const lab of labs) {
      if (options.keep) console.log(`kept ${lab.dir}`);
      else rmSync(lab.dir, {recursive: true, force: true});
    }
  }
  console.log('');
  printTable(rows);
  console.log('');
  console.log(`sandbox lab build: ${labs.map((l) => formatMs(l.buildMs)).join(', ')}`);
  const after = md5(HOST_STATUS);
  console.log(`host ${HOST_STATUS}: ${after === hostStatus ? 'unchanged' : 'CHANGED during the bench'} (md5 ${after})`);
  if (after !== hostStatus) process.exitCode = 1;
}

main().catch((error) => {
  console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
