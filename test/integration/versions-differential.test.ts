/**
 * Differential tests of src/versions against the real package managers.
 *
 * Needs on the host: dpkg (`dpkg --compare-versions`) and rpm >= 4.17 (`rpm --eval` with lua,
 * `rpm.vercmp` and `rpm.ver`). CI installs them with `apt-get install -y rpm dpkg`. A missing
 * tool fails the test with that message rather than skipping it.
 *
 * rpm runs with HOME set to a fresh temporary directory: Debian's rpm keeps its database and
 * reads macros under $HOME, and this test must never touch the host's home.
 */
import {mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import {availableParallelism, tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {compareDpkgVersions} from '../../src/versions/dpkg.js';
import {compareEvr, rpmvercmp} from '../../src/versions/rpm.js';
import {generateDpkgPairs, generateRpmEvrPairs, generateRpmVercmpPairs, type VersionPair} from '../versions/generate-versions.js';
import {loadVectors, type Expected} from '../versions/load-vectors.js';
import {run} from './lab/run.js';

const PAIRS = 12_000;
const SEED = 20_250_310;

/** Maps with at most `limit` promises in flight, keeping the input order. */
async function mapBounded<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < items.length; i = next++) {
      const item = items[i];
      if (item !== undefined) out[i] = await fn(item);
    }
  };
  await Promise.all(Array.from({length: limit}, worker));
  return out;
}

const sign = (n: number): Expected => (n < 0 ? -1 : n > 0 ? 1 : 0);

// ---------------------------------------------------------------- dpkg

const DPKG_OP = {'-1': 'lt', '0': 'eq', '1': 'gt'} as const;

type DpkgVerdict = {readonly kind: 'order'; readonly result: Expected} | {readonly kind: 'refused'; readonly stderr: string};

/**
 * dpkg's answer for a pair. `--compare-versions` only answers yes/no for one relation, so the
 * relation we expect is asked first: when it holds (exit 0) that alone pins dpkg's answer, as
 * lt/eq/gt are exclusive, and one process per pair suffices. Otherwise the other two are asked.
 * Exit 2 means dpkg refused a version string.
 */
async function askDpkg(a: string, b: string, guess: Expected): Promise<DpkgVerdict> {
  const order: Expected[] = [guess, ...([-1, 0, 1] as const).filter((r) => r !== guess)];
  for (const r of order) {
    // `--` so a version starting with `-` (an upstream vector) is not read as an option.
    const exit = await run('dpkg', ['--compare-versions', '--', a, DPKG_OP[r], b], {...process.env, LC_ALL: 'C'});
    if (exit.code === 0) return {kind: 'order', result: r};
    if (exit.code !== 1) return {kind: 'refused', stderr: exit.stderr.trim()};
  }
  throw new Error(`dpkg said none of lt/eq/gt for ${a} vs ${b}`);
}

const dpkgParallelism = Math.min(16, Math.max(4, 2 * availableParallelism()));

describe('dpkg --compare-versions agrees with compareDpkgVersions', () => {
  beforeAll(async () => {
    const v = await run('dpkg', ['--version']);
    console.log(`dpkg: ${v.stdout.split('\n')[0] ?? ''}`);
  });

  it('on every upstream vector dpkg accepts, and refuses exactly the four invalid ones', async () => {
    const vectors = loadVectors('dpkg-vercmp.tsv');
    const verdicts = await mapBounded(vectors, dpkgParallelism, (v) => askDpkg(v.a, v.b, v.expected));
    const refused: string[] = [];
    const wrong: string[] = [];
    vectors.forEach((v, i) => {
      const d = verdicts[i];
      if (d?.kind === 'refused') refused.push(`${v.a} ${v.b}`);
      else if (d?.result !== v.expected) wrong.push(`line ${v.line}: ${v.a} vs ${v.b}: vector ${v.expected}, dpkg ${d?.result}`);
    });
    console.log(`dpkg vectors: ${vectors.length} checked, ${wrong.length} disagreements, ${refused.length} refused by dpkg`);
    expect(wrong).toEqual([]);
    // Empty revision and empty upstream: valid for the order, refused by dpkg's parser.
    expect(refused).toEqual(['0foo- 0foo', '0foo- 0foo-0', '0foo- 0foo+', '-0.6.5 0.9.1']);
  });

  it(`on ${PAIRS} generated pairs, with zero disagreements`, async () => {
    const pairs = generateDpkgPairs(SEED, PAIRS);
    const started = performance.now();
    const ours = pairs.map((p) => sign(compareDpkgVersions(p.a, p.b)));
    const verdicts = await mapBounded(
      pairs.map((p, i) => ({p, guess: ours[i] ?? 0})),
      dpkgParallelism,
      ({p, guess}) => askDpkg(p.a, p.b, guess),
    );
    const seconds = (performance.now() - started) / 1000;
    const refused: string[] = [];
    const disagreements: string[] = [];
    pairs.forEach((p, i) => {
      const d = verdicts[i];
      if (d?.kind === 'refused') refused.push(`${p.a} vs ${p.b}: ${d.stderr}`);
      else if (d?.result !== ours[i]) disagreements.push(`${p.a} vs ${p.b}: ours ${ours[i]}, dpkg ${d?.result}`);
    });
    console.log(
      `dpkg differential: ${pairs.length} pairs compared, ${disagreements.length} disagreements, ` +
        `${refused.length} refused, ${seconds.toFixed(1)} s, parallelism ${dpkgParallelism}; ` +
        coverage(pairs, ours, ['~', '+', ':', '-']),
    );
    // The generator only makes versions dpkg accepts; a refusal is a generator bug.
    expect(refused.slice(0, 20)).toEqual([]);
    expect(disagreements.slice(0, 20)).toEqual([]);
    expect(disagreements.length).toBe(0);
    expectTrickyCoverage(pairs, ours, ['~', '+', ':', '-']);
  });
});

// ---------------------------------------------------------------- rpm

type RpmMode = 'vercmp' | 'evr';

interface RpmJob {
  readonly mode: RpmMode;
  readonly a: string;
  readonly b: string;
}

/**
 * One rpm process for every comparison: the pairs go through a file the lua reads (no shell, no
 * quoting), one answer per line comes back through another. `rpm.vercmp(a, b)` parses both as
 * `[epoch:]version[-release]` and compares EVRs (rpm >= 4.16), which is plain rpmvercmp on the
 * whole string when neither holds `-` or `:` (true of the upstream vectors and the raw-string
 * generator). `rpm.ver` objects are the same EVR parse, and their < and == are asked
 * separately, so an inconsistency in rpm's own order would show. Each line runs under pcall so
 * one refused string is reported rather than ending the run.
 */
const RPM_LUA = `
local out = assert(io.open(rpm.expand("%{pp_out}"), "w"))
for line in io.lines(rpm.expand("%{pp_in}")) do
  local ok, r = pcall(function()
    local mode, a, b = line:match("^(%a+)\\t([^\\t]*)\\t([^\\t]*)$")
    if mode == "vercmp" then return tostring(rpm.vercmp(a, b)) end
    local va, vb = rpm.ver(a), rpm.ver(b)
    local lt, gt, eq = va < vb, vb < va, va == vb
    if lt and not gt and not eq then return "-1" end
    if gt and not lt and not eq then return "1" end
    if eq and not lt and not gt then return "0" end
    return "inconsistent"
  end)
  out:write(ok and r or ("error " .. tostring(r):gsub("\\n", " ")), "\\n")
end
out:close()
`;

let rpmHome = '';

async function askRpm(jobs: readonly RpmJob[]): Promise<string[]> {
  const pairsFile = join(rpmHome, 'pairs.tsv');
  const outFile = join(rpmHome, 'results.txt');
  const scriptFile = join(rpmHome, 'vercmp.lua');
  for (const j of jobs) {
    // The file format is line- and tab-delimited; the generators never produce either.
    if (/[\t\n]/.test(j.a + j.b)) throw new Error(`unencodable pair ${JSON.stringify(j)}`);
  }
  await writeFile(pairsFile, jobs.map((j) => `${j.mode}\t${j.a}\t${j.b}\n`).join(''));
  await writeFile(scriptFile, RPM_LUA);
  const exit = await run(
    'rpm',
    [
      '--define', `pp_in ${pairsFile}`,
      '--define', `pp_out ${outFile}`,
      '--define', `pp_script ${scriptFile}`,
      '--eval', '%{lua: dofile(rpm.expand("%{pp_script}"))}',
    ],
    {...process.env, HOME: rpmHome, LC_ALL: 'C'},
  );
  if (exit.code !== 0) throw new Error(`rpm --eval failed (${exit.code}): ${exit.stderr}`);
  const lines = (await readFile(outFile, 'utf8')).split('\n');
  lines.pop();
  if (lines.length !== jobs.length) throw new Error(`rpm answered ${lines.length} of ${jobs.length} comparisons: ${exit.stderr}`);
  return lines;
}

describe('rpm (rpmvercmp and rpm.ver EVR order) agrees with rpmvercmp and compareEvr', () => {
  const vectors = loadVectors('rpm-vercmp.tsv');
  const vercmpPairs = generateRpmVercmpPairs(SEED + 1, PAIRS);
  const evrPairs = generateRpmEvrPairs(SEED + 2, PAIRS);
  let answers: string[] = [];
  let seconds = 0;

  beforeAll(async () => {
    rpmHome = await mkdtemp(join(tmpdir(), 'patchplan-rpm-home-'));
    const v = await run('rpm', ['--version'], {...process.env, HOME: rpmHome});
    console.log(`rpm: ${v.stdout.trim()} (HOME=${rpmHome})`);
    const jobs: RpmJob[] = [
      ...vectors.map((v): RpmJob => ({mode: 'vercmp', ...v})),
      ...vercmpPairs.map((p): RpmJob => ({mode: 'vercmp', ...p})),
      ...evrPairs.map((p): RpmJob => ({mode: 'evr', ...p})),
    ];
    const started = performance.now();
    answers = await askRpm(jobs);
    seconds = (performance.now() - started) / 1000;
  });

  afterAll(async () => {
    if (rpmHome) await rm(rpmHome, {recursive: true, force: true});
  });

  it('on every upstream vector', () => {
    const wrong = vectors.flatMap((v, i) =>
      answers[i] === String(v.expected) ? [] : [`line ${v.line}: rpmvercmp(${v.a}, ${v.b}): vector ${v.expected}, rpm ${answers[i]}`],
    );
    console.log(`rpm vectors: ${vectors.length} checked, ${wrong.length} disagreements`);
    expect(wrong).toEqual([]);
  });

  const check = (name: string, pairs: readonly VersionPair[], offset: () => number, cmp: (a: string, b: string) => number, marks: readonly string[]) => {
    it(`${name} on ${PAIRS} generated pairs, with zero disagreements`, () => {
      const ours = pairs.map((p) => sign(cmp(p.a, p.b)));
      const disagreements = pairs.flatMap((p, i) => {
        const theirs = answers[offset() + i];
        return theirs === String(ours[i]) ? [] : [`${p.a} vs ${p.b}: ours ${ours[i]}, rpm ${theirs}`];
      });
      console.log(
        `rpm ${name} differential: ${pairs.length} pairs compared, ${disagreements.length} disagreements ` +
          `(one rpm process for all ${answers.length} comparisons: ${seconds.toFixed(1)} s); ${coverage(pairs, ours, marks)}`,
      );
      expect(disagreements.slice(0, 20)).toEqual([]);
      expect(disagreements.length).toBe(0);
      expectTrickyCoverage(pairs, ours, marks);
    });
  };

  check('rpmvercmp', vercmpPairs, () => vectors.length, rpmvercmp, ['~', '^', '+', '_']);
  check('EVR', evrPairs, () => vectors.length + vercmpPairs.length, (a, b) => compareEvr(a, b), ['~', '^', ':', '-']);
});

// ---------------------------------------------------------------- coverage of the generators

function coverageCounts(pairs: readonly VersionPair[], ours: readonly Expected[], marks: readonly string[]) {
  const has = (m: string) => pairs.filter((p) => p.a.includes(m) || p.b.includes(m)).length;
  return {
    equal: ours.filter((r) => r === 0).length,
    identical: pairs.filter((p) => p.a === p.b).length,
    longDigits: pairs.filter((p) => /\d{16}/.test(p.a + p.b)).length,
    leadingZero: pairs.filter((p) => /(^|\D)0\d/.test(p.a + ' ' + p.b)).length,
    marks: Object.fromEntries(marks.map((m) => [m, has(m)])),
  };
}

function coverage(pairs: readonly VersionPair[], ours: readonly Expected[], marks: readonly string[]): string {
  const c = coverageCounts(pairs, ours, marks);
  const m = Object.entries(c.marks).map(([k, n]) => `'${k}' ${n}`).join(', ');
  return `equal ${c.equal} (identical strings ${c.identical}), long digit runs ${c.longDigits}, leading zeros ${c.leadingZero}, ${m}`;
}

/** Guards the generator's bias: a change that made the pairs trivial would fail here. */
function expectTrickyCoverage(pairs: readonly VersionPair[], ours: readonly Expected[], marks: readonly string[]): void {
  const c = coverageCounts(pairs, ours, marks);
  const tenth = pairs.length / 10;
  expect(c.equal).toBeGreaterThan(pairs.length / 8);
  expect(c.identical).toBeGreaterThan(pairs.length / 20);
  expect(c.equal - c.identical).toBeGreaterThan(pairs.length / 50);
  expect(c.longDigits).toBeGreaterThan(pairs.length / 20);
  expect(c.leadingZero).toBeGreaterThan(tenth);
  for (const n of Object.values(c.marks)) expect(n).toBeGreaterThan(pairs.length / 20);
}
