/**
 * Running commands for the bench: each under GNU time (`%e %M`: wall seconds, max RSS in KiB),
 * never through a shell, stdout into a file (both sides of a pair pay the same for their output),
 * bounded by a timeout. Pairs alternate their sides run by run.
 */
import {spawn} from 'node:child_process';
import {closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const GNU_TIME = '/usr/bin/time';
const SCRATCH = mkdtempSync(path.join(os.tmpdir(), 'pp-bench-run-'));
process.on('exit', () => rmSync(SCRATCH, {recursive: true, force: true}));
let seq = 0;

/**
 * Every command runs in a process group of its own, so that a timeout, or Ctrl-C / SIGTERM of the
 * bench, ends the whole command (GNU time, and the command it waits for, and that command's own
 * children: killing /usr/bin/time alone would leave the command running).
 */
const groups = new Set();
const killGroup = (pid) => {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {}
};
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    for (const pid of groups) killGroup(pid);
    process.stderr.write(`bench: ${signal}, stopped ${groups.size} running command(s)\n`);
    process.exit(130);
  });
}

/**
 * Spawns `file args` (stdout: 'pipe' or an fd), keeps stdout when piped and the last 64 KiB of
 * stderr, kills its process group after `timeoutMs`; resolves {code, signal, ms, stdout, stderr}.
 */
function spawnBounded(file, args, {env, cwd, stdout, timeoutMs}) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(file, args, {env, cwd, stdio: ['ignore', stdout, 'pipe'], detached: true});
    if (child.pid) groups.add(child.pid);
    const out = [];
    const err = [];
    let errBytes = 0;
    child.stdout?.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => {
      err.push(d);
      errBytes += d.length;
      while (errBytes > 65_536 && err.length > 1) errBytes -= err.shift().length;
    });
    const timer = setTimeout(() => killGroup(child.pid), timeoutMs);
    child.once('error', (e) => {
      clearTimeout(timer);
      groups.delete(child.pid);
      reject(e);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      groups.delete(child.pid);
      resolve({code, signal, ms: performance.now() - started, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString()});
    });
  });
}

const describe = (file, args) => `${path.basename(file)} ${args.join(' ').slice(0, 300)}`;
const tail = (stderr) => stderr.trim().split('\n').slice(-5).join(' | ');

/**
 * Runs `file args` under GNU time and resolves {code, ms, rssKiB, stdoutFile, stderr}. `accept`
 * lists the exit codes that count as success (anything else rejects, with the last lines of
 * stderr). stdout goes to `stdoutFile` (default: a scratch file per `tag`, overwritten each run).
 */
export async function run(file, args, {env = process.env, accept = [0], timeoutMs = 20 * 60_000, stdoutFile, tag = 'out', cwd} = {}) {
  if (!existsSync(GNU_TIME)) throw new Error(`${GNU_TIME} is missing: apt-get install time (GNU time reports the peak RSS)`);
  const timeFile = path.join(SCRATCH, `time-${++seq}`);
  const outFile = stdoutFile ?? path.join(SCRATCH, `${tag}.stdout`);
  const outFd = openSync(outFile, 'w');
  let r;
  try {
    r = await spawnBounded(GNU_TIME, ['-f', '%e %M', '-o', timeFile, '--', file, ...args], {env, cwd, stdout: outFd, timeoutMs});
  } finally {
    closeSync(outFd);
  }
  let rssKiB = null;
  let exit = r.code;
  if (existsSync(timeFile)) {
    const text = readFileSync(timeFile, 'utf8').trim();
    rmSync(timeFile, {force: true});
    // On failure GNU time writes "Command exited with non-zero status N" before the format line.
    const m = /^[\d.]+ (\d+)$/.exec(text.split('\n').at(-1) ?? '');
    if (m) rssKiB = Number(m[1]);
    const status = /non-zero status (\d+)/.exec(text);
    if (status) exit = Number(status[1]);
    if (/terminated by signal/.test(text)) exit = null;
  }
  if (r.signal || exit === null) throw new Error(`${describe(file, args)} was killed${r.ms >= timeoutMs ? ` (timeout ${timeoutMs / 1000} s)` : ''}`);
  if (!accept.includes(exit)) throw new Error(`${describe(file, args)} exited ${exit}: ${tail(r.stderr)}`);
  return {code: exit, ms: r.ms, rssKiB, stdoutFile: outFile, stderr: r.stderr};
}

/** Runs without timing (builds, copies, checks): rejects on failure, resolves {stdout, stderr}. */
export async function sh(file, args, {env = process.env, accept = [0], cwd, timeoutMs = 60 * 60_000} = {}) {
  const r = await spawnBounded(file, args, {env, cwd, stdout: 'pipe', timeoutMs});
  if (r.signal || !accept.includes(r.code)) throw new Error(`${describe(file, args)} ${r.signal ? `killed by ${r.signal}` : `exited ${r.code}`}: ${tail(r.stderr)}`);
  return {stdout: r.stdout, stderr: r.stderr};
}

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** One side's samples → {medianMs, peakRssKiB, runs, samplesMs}. A sample may be a sum of parts. */
export function summarize(samples) {
  const rss = samples.map((s) => s.rssKiB).filter((v) => v !== null && Number.isFinite(v));
  return {
    medianMs: Math.round(median(samples.map((s) => s.ms)) * 10) / 10,
    peakRssKiB: rss.length ? Math.max(...rss) : null,
    runs: samples.length,
    samplesMs: samples.map((s) => Math.round(s.ms)),
  };
}

/** Sums the parts of one sample (a reference made of two commands): ms added, RSS the largest. */
export function sumParts(parts) {
  const rss = parts.map((p) => p.rssKiB).filter((v) => v !== null && Number.isFinite(v));
  return {ms: parts.reduce((a, p) => a + p.ms, 0), rssKiB: rss.length ? Math.max(...rss) : null, parts: parts.map((p) => Math.round(p.ms))};
}

/**
 * Alternates the sides: for each round, every side once, in order (patchplan, reference[, second
 * reference]). `sides` is [{id, fn: async (round) => sample}]; `warmup` rounds are run first and
 * dropped. Resolves {id: summary}.
 */
export async function alternate(sides, {runs, warmup = 1, progress = () => undefined}) {
  const samples = Object.fromEntries(sides.map((s) => [s.id, []]));
  for (let round = -warmup; round < runs; round++) {
    for (const side of sides) {
      const sample = await side.fn(round);
      if (round >= 0) samples[side.id].push(sample);
    }
    progress(round);
  }
  return Object.fromEntries(sides.map((s) => [s.id, summarize(samples[s.id])]));
}

export const fmtMs = (ms) => (ms === null || ms === undefined ? 'n/a' : ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);
export const fmtRss = (kib) => (kib === null || kib === undefined ? 'n/a' : `${Math.round(kib / 1024)} MiB`);
