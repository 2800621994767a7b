#!/usr/bin/env node
/**
 * `npm run bench:view`: the review views on plans of growing size, side by side with `--json`
 * (the floor: the same plan, serialised, no layout).
 *
 *   - the real Debian 12 host of fixtures/inventories/debian-12-host.json (137 decisions);
 *   - synthetic Debian inventories of --sizes packages (default 3000), each package with one
 *     newer version: two in three from a trusted security suite (installed by the default
 *     baseline), one in three a point release (skipped), so the plan has installs and skips in
 *     the proportions of a real host.
 *
 * For each: lines and widest line of the default view at 80 and 200 columns (the one-screen
 * promise), and the median wall time of `plan --inventory` human vs `--json` over --runs runs.
 * Needs `npm run build`. Reads and writes only a temporary directory.
 *
 * Flags: --runs N (default 5), --sizes N,N,… (default 3000), --keep.
 */
import {spawn} from 'node:child_process';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(REPO, 'bin', 'run.js');
const NOW = '2026-12-02T19:00:00Z';

function parseArgs(argv) {
  const options = {runs: 5, sizes: [3000], keep: false};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--runs') options.runs = positive(argv[++i], arg);
    else if (arg === '--sizes') options.sizes = String(argv[++i] ?? '').split(',').map((s) => positive(s, arg));
    else if (arg === '--keep') options.keep = true;
    else throw new Error(`unknown argument ${arg} (flags: --runs N, --sizes N,N,…, --keep)`);
  }
  return options;
}

function positive(text, flag) {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${flag} needs positive integers`);
  return value;
}

const SECURITY = {archive: 'oldstable-security', codename: 'bookworm-security', label: 'Debian-Security', origin: 'Debian', site: 'security.debian.org', component: 'main', trusted: true};
const POINT = {archive: 'oldstable', codename: 'bookworm', label: 'Debian', origin: 'Debian', site: 'deb.debian.org', component: 'main', trusted: true};
const WORDS = ['ssl', 'curl', 'xml', 'gnutls', 'python', 'perl', 'krb5', 'pam', 'systemd', 'glib', 'png', 'tiff', 'sasl', 'nss', 'zstd', 'expat'];

/** A deterministic Debian inventory of `size` packages, each with one newer version. */
function syntheticInventory(size) {
  const packages = [];
  for (let i = 0; i < size; i++) {
    const name = `lib${WORDS[i % WORDS.length]}-${Math.floor(i / WORDS.length)}${i % 7 === 0 ? '-common-data' : ''}`;
    const installed = `${1 + (i % 9)}.${i % 13}.${i % 5}-${1 + (i % 3)}+deb12u${1 + (i % 4)}`;
    const newer = installed.replace(/deb12u(\d+)$/, (_m, n) => `deb12u${Number(n) + 1}`);
    const origin = i % 3 === 2 ? POINT : SECURITY;
    packages.push({
      name,
      arch: i % 11 === 0 ? 'all' : 'amd64',
      installedVersion: installed,
      versions: [
        {version: installed, origins: [], priority: 'optional', section: 'libs', advisories: []},
        {version: newer, repository: origin.archive, origins: [origin], candidate: true, priority: 'optional', section: 'libs', advisories: [], requires: []},
      ],
    });
  }
  return {
    schemaVersion: 1,
    collectedAt: NOW,
    node: {hostname: 'bench-01', machineId: '0123456789abcdef0123456789abcdef', os: {id: 'debian', versionId: '12', name: 'Debian GNU/Linux 12 (bookworm)'}, operatingSystem: 'DEBIAN', product: 'Debian12', arch: 'amd64', manager: 'apt', root: '/', rebootPending: false},
    packages,
    advisories: [],
  };
}

function run(args, env) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [CLI, ...args], {env: {...process.env, ...env}, stdio: ['ignore', 'pipe', 'pipe']});
    const out = [];
    const err = [];
    child.stdout.on('data', (c) => out.push(c));
    child.stderr.on('data', (c) => err.push(c));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      if (code !== 0) reject(new Error(`patchplan ${args.join(' ')} exited ${code}: ${Buffer.concat(err).toString().trim()}`));
      else resolve({ms, stdout: Buffer.concat(out).toString()});
    });
  });
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Lines and widest line in columns (code points: the views print no wide characters here). */
function shape(text) {
  const lines = text.replace(/\n$/, '').split('\n');
  return {lines: lines.length, widest: Math.max(...lines.map((l) => [...l].length))};
}

async function measureCase(label, inventory, runs) {
  const base = ['plan', '--inventory', inventory, '--now', NOW];
  const at80 = shape((await run(base, {COLUMNS: '80'})).stdout);
  const at200 = shape((await run(base, {COLUMNS: '200'})).stdout);
  const json = JSON.parse((await run([...base, '--json'])).stdout);
  const human = [];
  const machine = [];
  // Alternate, so a slow moment of a busy machine hurts both sides alike.
  for (let i = 0; i < runs; i++) {
    human.push((await run(base, {COLUMNS: '80'})).ms);
    machine.push((await run([...base, '--json'])).ms);
  }
  return {
    label,
    decisions: `${json.summary.byAction.install} install / ${json.summary.byAction.skip} skip`,
    at80: `${at80.lines} lines, widest ${at80.widest}`,
    at200: `${at200.lines} lines, widest ${at200.widest}`,
    human: `${median(human).toFixed(0)} ms`,
    json: `${median(machine).toFixed(0)} ms`,
    ratio: `${(median(human) / median(machine)).toFixed(2)}×`,
  };
}

function table(rows) {
  const header = {label: 'plan', decisions: 'decisions', at80: 'default view, 80 cols', at200: 'default view, 200 cols', human: 'human', json: '--json', ratio: 'human/json'};
  const keys = Object.keys(header);
  const widths = keys.map((k) => Math.max(...[header, ...rows].map((r) => String(r[k]).length)));
  return [header, ...rows].map((r) => keys.map((k, i) => String(r[k]).padEnd(widths[i])).join('  ')).join('\n');
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pp-bench-view-'));
  try {
    const rows = [await measureCase('debian-12-host (real)', path.join(REPO, 'fixtures', 'inventories', 'debian-12-host.json'), options.runs)];
    for (const size of options.sizes) {
      const file = path.join(dir, `synthetic-${size}.json`);
      writeFileSync(file, JSON.stringify(syntheticInventory(size)));
      rows.push(await measureCase(`synthetic ${size}`, file, options.runs));
    }
    console.log(`patchplan review views (median of ${options.runs} alternating runs; node ${process.version}, ${os.cpus().length} CPUs)\n`);
    console.log(table(rows));
  } finally {
    if (options.keep) console.log(`\nkept ${dir}`);
    else rmSync(dir, {recursive: true, force: true});
  }
}

main().catch((error) => {
  console.error(`bench/view: ${error.message}`);
  process.exit(1);
});
