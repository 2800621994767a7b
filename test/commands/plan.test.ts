import {mkdtemp, readFile, rm, stat, writeFile} from 'node:fs/promises';
import {readdirSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';

import {afterAll, beforeAll, describe, expect, it} from 'vitest';

import {sha256Hex} from '../../src/json/canonical-json.js';
import {parsePlanText} from '../../src/plan/file.js';
import type {Plan} from '../../src/plan/schema.js';
import {expectOneLineError, runCli, stderrLines, type CliResult} from '../helpers/cli.js';

const DEBIAN = 'fixtures/inventories/debian-12.json';
const NOW = ['--now', '2026-11-24T00:00:00Z'];

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'patchplan-plan-cmd-'));
});
afterAll(async () => {
  await rm(tmp, {recursive: true, force: true});
});

function planOf(result: CliResult): Plan {
  return parsePlanText(result.stdout, 'stdout');
}

describe('patchplan plan', () => {
  it('prints the Terraform-style plan for the README example and exits 0', async () => {
    const result = await runCli(['plan', '--inventory', DEBIAN, ...NOW]);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('Baseline  AWS-DebianDefaultPatchBaseline');
    expect(result.stdout).toMatch(/^ {2}~ openssl +3\.0\.17-1~deb12u2 → 3\.0\.18-1~deb12u1 +rule\[0\]$/m);
    expect(result.stdout).toMatch(/^ {2}= 6 not-security-repo \(rule\[0\]\): base-files, docker-ce, /m);
    expect(result.stdout).toMatch(/^ {2}rule\[0\] +ApprovalRules\.PatchRules\[0\]: PRIORITY Required/m);
    expect(result.stdout).toMatch(/^Plan: \d+ to install, \d+ skipped\./m);
    // Piped, without COLUMNS: laid out for 80 columns.
    expect(Math.max(...result.stdout.split('\n').map((l) => [...l].length))).toBeLessThanOrEqual(80);
    // Not a terminal: no colour codes.
    expect(result.stdout).not.toContain('\u001b[');
  });

  it('honours COLUMNS when piped, and --verbose gives every decision its full sentence', async () => {
    const wide = await runCli(['plan', '--inventory', DEBIAN, ...NOW], {env: {COLUMNS: '200'}});
    expect(wide.stdout).toMatch(/^ {2}rule\[0\] +ApprovalRules\.PatchRules\[0\]: PRIORITY Required, Important, Standard, Optional, Extra; security updates only; approved 0 days after release$/m);
    const verbose = await runCli(['plan', '--inventory', DEBIAN, ...NOW, '--verbose']);
    expect(verbose.exitCode).toBe(0);
    expect(verbose.stdout).toMatch(/^ {2}= tzdata 2025b-0\+deb12u1 \(2026a-0\+deb12u1 available\)\n {6}# not-security-repo: /m);
  });

  it('--exclude with --note leaves the update out with the reviewer and the note; without a note it is refused', async () => {
    const result = await runCli(['plan', '--inventory', DEBIAN, ...NOW, '--exclude', 'sudo', '--note', 'CAB-1234: after the audit', '--reviewer', 'alice', '--json']);
    expect(result.exitCode).toBe(0);
    expect(planOf(result).decisions.find((d) => d.name === 'sudo')).toMatchObject({
      action: 'skip',
      reason: {code: 'excluded-by-reviewer', detail: 'CAB-1234: after the audit'},
      reviewer: 'alice',
      excludedVersion: '1.9.13p3-1+deb12u3',
    });
    const human = await runCli(['plan', '--inventory', DEBIAN, ...NOW, '--exclude', 'sudo', '--note', 'CAB-1234', '--reviewer', 'alice']);
    expect(human.stdout).toContain('  x sudo 1.9.13p3-1+deb12u3  excluded by alice: CAB-1234\n');
    expect(expectOneLineError(await runCli(['plan', '--inventory', DEBIAN, ...NOW, '--exclude', 'sudo']), 1)).toBe(
      'error: --exclude: sudo: every exclusion needs a --note saying why, after it',
    );
  });

  it('--json prints only the plan object, which is a valid plan file', async () => {
    const result = await runCli(['plan', '--inventory', DEBIAN, ...NOW, '--json']);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe('');
    const plan = planOf(result);
    expect(JSON.parse(result.stdout)).toEqual(plan);
    expect(plan.options.now).toBe('2026-11-24T00:00:00.000Z');
    expect(plan.node.machineId).toBe('8f2c4e6a1b3d4f5e9a7c0b1d2e3f4a5b');
    const byName = new Map(plan.decisions.map((d) => [d.name, d]));
    // The security fix, not apt's newer point-release candidate (spec §7 item 1).
    expect(byName.get('libgnutls30')).toMatchObject({action: 'install', targetVersion: '3.7.9-2+deb12u5'});
    expect(byName.get('python3-apt')?.reason.code).toBe('python3-apt-prerequisite');
    expect(byName.get('nginx')).toMatchObject({action: 'skip', reason: {code: 'not-security-repo'}});
    expect(byName.has('bash')).toBe(false);
    expect(plan.summary.byAction.install + plan.summary.byAction.skip).toBe(plan.decisions.length);
  });

  it('--detailed-exitcode: 2 when something is installed, with the plan still printed', async () => {
    const human = await runCli(['plan', '--inventory', DEBIAN, ...NOW, '--detailed-exitcode']);
    expect(human.exitCode).toBe(2);
    expect(human.stdout).toMatch(/^Plan: /m);
    const json = await runCli(['plan', '--inventory', DEBIAN, ...NOW, '--detailed-exitcode', '--json']);
    expect(json.exitCode).toBe(2);
    expect(planOf(json).summary.byAction.install).toBeGreaterThan(0);
  });

  it('--detailed-exitcode: 0 when nothing is installed', async () => {
    const inventory = JSON.parse(readFileSync(DEBIAN, 'utf8')) as {packages: {name: string}[]};
    inventory.packages = inventory.packages.filter((p) => ['bash', 'coreutils', 'tzdata', 'docker-ce'].includes(p.name));
    const file = path.join(tmp, 'nothing-to-install.json');
    await writeFile(file, JSON.stringify(inventory));
    const result = await runCli(['plan', '--inventory', file, ...NOW, '--detailed-exitcode']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('Plan: 0 to install, 2 skipped.');
  });

  it('--out writes the plan file with mode 0600 and says how to use it', async () => {
    const out = path.join(tmp, 'plan.json');
    const result = await runCli(['plan', '--inventory', DEBIAN, ...NOW, '--out', out]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain(`Saved the plan to: ${out}`);
    expect((await stat(out)).mode & 0o777).toBe(0o600);
    const plan = parsePlanText(await readFile(out, 'utf8'), out);
    expect(plan.node.hostname).toBe('web-01');
    // Atomic write: nothing but the plan is left in the directory.
    expect(readdirSync(tmp).filter((f) => f.startsWith('.plan.json'))).toEqual([]);
  });

  it('--out with --json: stdout is the same plan as the file, nothing else', async () => {
    const out = path.join(tmp, 'plan-json.json');
    const result = await runCli(['plan', '--inventory', DEBIAN, ...NOW, '--out', out, '--json']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe(await readFile(out, 'utf8'));
  });

  it('records --reboot-option, including the RebootIfRequired extension', async () => {
    const result = await runCli(['plan', '--inventory', DEBIAN, ...NOW, '--json', '--reboot-option', 'RebootIfRequired']);
    expect(planOf(result).options.rebootOption).toBe('RebootIfRequired');
  });

  it('takes a baseline file and records its source and hash', async () => {
    const file = path.join(tmp, 'all-updates.json');
    await writeFile(
      file,
      JSON.stringify({
        Name: 'debian-all-updates',
        OperatingSystem: 'DEBIAN',
        ApprovalRules: {
          PatchRules: [
            {
              PatchFilterGroup: {PatchFilters: [{Key: 'PRIORITY', Values: ['Required', 'Important', 'Standard', 'Optional', 'Extra']}]},
              ComplianceLevel: 'HIGH',
              EnableNonSecurity: true,
            },
          ],
        },
      }),
    );
    const result = await runCli(['plan', '--inventory', DEBIAN, ...NOW, '--json', '--baseline', file]);
    expect(result.exitCode).toBe(0);
    const plan = planOf(result);
    expect(plan.baseline.source).toBe(file);
    expect(plan.baseline.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(plan.baseline.document).toHaveProperty('Name', 'debian-all-updates');
    // EnableNonSecurity: the point-release tzdata is approved now.
    expect(plan.decisions.find((d) => d.name === 'tzdata')).toMatchObject({action: 'install', targetVersion: '2026a-0+deb12u1'});
  });

  it('--lenient evaluates a NAME filter key that is otherwise refused, and records that it did', async () => {
    const file = path.join(tmp, 'name-key.json');
    await writeFile(
      file,
      JSON.stringify({
        OperatingSystem: 'DEBIAN',
        ApprovalRules: {PatchRules: [{PatchFilterGroup: {PatchFilters: [{Key: 'NAME', Values: ['openssl']}]}, EnableNonSecurity: true}]},
      }),
    );
    const strict = await runCli(['plan', '--inventory', DEBIAN, ...NOW, '--baseline', file]);
    expect(strict.exitCode).toBe(1);
    expect(stderrLines(strict)).toHaveLength(1);
    expect(strict.stderr.startsWith(`error: ${file}: ApprovalRules.PatchRules[0].PatchFilterGroup.PatchFilters[0].Key: `)).toBe(true);
    const lenient = await runCli(['plan', '--inventory', DEBIAN, ...NOW, '--baseline', file, '--lenient', '--json']);
    expect(lenient.exitCode).toBe(0);
    const plan = planOf(lenient);
    expect(plan.options.lenient).toBe(true);
    expect(plan.warnings.some((w) => w.startsWith(`${file}: ApprovalRules.PatchRules[0].PatchFilterGroup.PatchFilters[0].Key: `))).toBe(true);
  });

  it('takes an InstallOverrideList and records its source and hash', async () => {
    const file = path.join(tmp, 'override.yaml');
    const text = "patches:\n  - id: 'openssl'\n";
    await writeFile(file, text);
    const result = await runCli(['plan', '--inventory', DEBIAN, ...NOW, '--json', '--install-override-list', file]);
    expect(result.exitCode).toBe(0);
    const plan = planOf(result);
    expect(plan.options.installOverrideList).toEqual({source: file, sha256: sha256Hex(text)});
    expect(plan.decisions.find((d) => d.name === 'openssl')?.reason.code).toBe('install-override-list');
    expect(plan.decisions.find((d) => d.name === 'curl')?.reason.code).toBe('not-in-override-list');
  });
});

describe('patchplan plan: errors are one line on stderr, exit 1, nothing on stdout', () => {
  const INVALID = 'fixtures/inventories/invalid';
  const cases = readdirSync(INVALID).filter((f) => f.endsWith('.json'));

  it.each(cases)('inventory %s', async (name) => {
    const file = `${INVALID}/${name}`;
    const expected = readFileSync(file.replace(/\.json$/, '.error.txt'), 'utf8').trimEnd();
    for (const json of [[], ['--json']]) {
      const line = expectOneLineError(await runCli(['plan', '--inventory', file, ...NOW, ...json]), 1);
      expect(line).toBe(`error: ${expected}`);
    }
  });

  it('a baseline file with an invalid value names the file and the JSON path', async () => {
    const file = path.join(tmp, 'bad-baseline.json');
    await writeFile(
      file,
      JSON.stringify({
        OperatingSystem: 'DEBIAN',
        ApprovalRules: {PatchRules: [{PatchFilterGroup: {PatchFilters: [{Key: 'PRIORITY', Values: ['Required']}]}, ApproveAfterDays: 400}]},
      }),
    );
    const line = expectOneLineError(await runCli(['plan', '--inventory', DEBIAN, ...NOW, '--baseline', file]), 1);
    expect(line.startsWith(`error: ${file}: ApprovalRules.PatchRules[0].ApproveAfterDays: `)).toBe(true);
  });

  it('a baseline file with a JSON syntax error gives line and column', async () => {
    const file = path.join(tmp, 'syntax.json');
    await writeFile(file, '{\n  "OperatingSystem": "DEBIAN"\n  "ApprovalRules": {}\n}\n');
    const line = expectOneLineError(await runCli(['plan', '--inventory', DEBIAN, ...NOW, '--baseline', file]), 1);
    expect(line.startsWith(`error: ${file}:3:3: `)).toBe(true);
  });

  it.each<[string, string[], string]>([
    ['live collection from a root that holds no OS', ['plan', '--root', '/nonexistent-root'], 'error: --root: /nonexistent-root: no such directory'],
    ['a missing inventory file', ['plan', '--inventory', 'nope.json'], 'error: nope.json: cannot read: no such file'],
    ['a baseline for another OS', ['plan', '--inventory', DEBIAN, '--baseline', 'AWS-UbuntuDefaultPatchBaseline'], `error: AWS-UbuntuDefaultPatchBaseline: the baseline is for UBUNTU but the node in ${DEBIAN} runs DEBIAN`],
    ['an unparsable --now', ['plan', '--inventory', DEBIAN, '--now', '24/11/2026'], 'error: --now: "24/11/2026" is not an ISO 8601 date-time with a zone, such as 2026-11-24T00:00:00Z or 2026-11-24'],
    ['a --now without a zone', ['plan', '--inventory', DEBIAN, '--now', '2026-11-24T00:00:00'], 'error: --now: "2026-11-24T00:00:00" is not an ISO 8601 date-time with a zone, such as 2026-11-24T00:00:00Z or 2026-11-24'],
    ['an unknown --reboot-option', ['plan', '--inventory', DEBIAN, '--reboot-option', 'Always'], 'error: Expected --reboot-option=Always to be one of: RebootIfNeeded, NoReboot, RebootIfRequired'],
    ['an unknown flag', ['plan', '--inventory', DEBIAN, '--interactve'], 'error: plan: --interactve is not a flag of this command; did you mean --interactive? (patchplan help plan)'],
    ['--manager that contradicts the file', ['plan', '--inventory', DEBIAN, '--manager', 'dnf'], 'error: --manager: dnf does not match the inventory file, which was collected with apt'],
    ['an s3:// override list', ['plan', '--inventory', DEBIAN, '--install-override-list', 's3://bucket/list.yaml'], 'error: s3://bucket/list.yaml: s3:// needs AWS credentials, which patchplan does not handle: download the list with `aws s3 cp` and pass the file'],
    ['an http:// override list', ['plan', '--inventory', DEBIAN, '--install-override-list', 'http://example.com/list.yaml'], 'error: http://example.com/list.yaml: only https:// URLs (or a file) are accepted for an InstallOverrideList'],
  ])('%s', async (_name, args, expected) => {
    expect(expectOneLineError(await runCli(args), 1)).toBe(expected);
  });

  it('--out into a missing directory fails without leaving anything behind', async () => {
    const out = path.join(tmp, 'no-such-dir', 'plan.json');
    expect(expectOneLineError(await runCli(['plan', '--inventory', DEBIAN, ...NOW, '--out', out]), 1)).toBe(`error: ${out}: cannot write: no such file`);
  });

  it('prints the stack only with PATCHPLAN_DEBUG=1', async () => {
    const result = await runCli(['plan', '--inventory', 'nope.json'], {env: {PATCHPLAN_DEBUG: '1'}});
    expect(result.exitCode).toBe(1);
    expect(stderrLines(result)[0]).toBe('error: nope.json: cannot read: no such file');
    expect(result.stderr).toMatch(/^\s+at /m);
  });
});
