import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';

import {describe, expect, it} from 'vitest';

import {runCli} from '../helpers/cli.js';

/**
 * The built CLI with a hand-written inventory that falls into two traps (dnf advisories without
 * selfReferences, rpm packages without arch): the plan still works, and says what to write.
 */
describe('patchplan plan --inventory with a hand-written file', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'patchplan-traps-'));
  const file = path.join(dir, 'rhel-9.json');
  const example = JSON.parse(readFileSync('fixtures/inventories/examples/dnf-rhel-9.json', 'utf8')) as {
    packages: {arch?: string}[];
    advisories: {selfReferences?: string[]}[];
  };
  for (const pkg of example.packages) delete pkg.arch;
  for (const advisory of example.advisories) delete advisory.selfReferences;
  writeFileSync(file, JSON.stringify(example));
  const args = ['plan', '--inventory', file, '--now', '2026-01-20T12:00:00Z'];

  it('--json: the warnings come first in the plan, prefixed with the file', async () => {
    const result = await runCli([...args, '--json']);
    expect(result.exitCode).toBe(0);
    const plan = JSON.parse(result.stdout) as {warnings: string[]};
    expect(plan.warnings).toHaveLength(2);
    expect(plan.warnings[0]).toMatch(/: none of the 2 advisories has selfReferences, .*: write "selfReferences": \["RHSA-2026:0101"\]/);
    expect(plan.warnings[1]).toContain(': 2 packages (krb5-libs, …) have no arch, so ApprovedPatches and RejectedPatches entries with an arch (such as "krb5-libs.x86_64") never match them');
    expect(plan.warnings.every((w) => w.startsWith(`${file}: `))).toBe(true);
    // stdout is the plan alone; stderr says the same warnings, one line each.
    expect(result.stderr.split('\n').filter(Boolean)).toEqual(plan.warnings.map((w) => `warning: ${w}`));
  });

  it('the human view lists them under Warnings', async () => {
    const result = await runCli([...args], {env: {COLUMNS: '200'}});
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('Warnings (2):');
    expect(result.stdout).toContain('none of the 2 advisories has selfReferences');
  });
});
