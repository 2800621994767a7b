import stringWidth from 'string-width';
import {describe, expect, it} from 'vitest';

import {PREDEFINED_BASELINES} from '../../src/baseline/predefined/index.js';
import {lines, runCli} from '../helpers/cli.js';

describe('patchplan baseline list', () => {
  it('prints a table of name, OS and description with the defaults marked', async () => {
    // Wide enough for one row per baseline (80 columns put each description on a line of its own).
    const result = await runCli(['baseline', 'list'], {env: {COLUMNS: '200'}});
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe('');
    const out = lines(result.stdout);
    expect(out[0]).toMatch(/^NAME\s+OS\s+DESCRIPTION$/);
    for (const b of PREDEFINED_BASELINES) {
      const row = out.find((line) => line.startsWith(`${b.name} `));
      expect(row, b.name).toBeDefined();
      expect(row).toContain(` ${b.operatingSystem} `);
      expect(row?.includes('(default)')).toBe(b.isDefault);
    }
    expect(out.at(-1)).toMatch(/docs\/baselines\.md/);
  });

  it.each(['80', '40'])('fits COLUMNS=%s: no line wider; at 80 every baseline name whole', async (columns) => {
    const result = await runCli(['baseline', 'list'], {env: {COLUMNS: columns}});
    expect(result.exitCode).toBe(0);
    const out = lines(result.stdout);
    expect(Math.max(...out.map((line) => stringWidth(line)))).toBeLessThanOrEqual(Number(columns));
    // The longest name (AWS-WindowsPredefinedPatchBaseline-OS-Applications) is 50 columns.
    if (columns === '80') for (const b of PREDEFINED_BASELINES) expect(result.stdout).toContain(b.name);
  });

  it('prints only a JSON array under --json', async () => {
    const result = await runCli(['baseline', 'list', '--json']);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe('');
    const listed = JSON.parse(result.stdout) as {name: string; operatingSystem: string; description: string; default: boolean; aliases: string[]}[];
    expect(listed).toHaveLength(PREDEFINED_BASELINES.length);
    expect(listed.find((b) => b.name === 'AWS-DefaultRaspbianPatchBaseline')).toMatchObject({
      operatingSystem: 'RASPBIAN',
      default: true,
      aliases: ['AWS-RaspbianDefaultPatchBaseline'],
    });
    expect(listed.filter((b) => b.operatingSystem === 'WINDOWS').map((b) => [b.name, b.default])).toEqual([
      ['AWS-DefaultPatchBaseline', true],
      ['AWS-WindowsPredefinedPatchBaseline-OS', false],
      ['AWS-WindowsPredefinedPatchBaseline-OS-Applications', false],
    ]);
    expect(listed.every((b) => b.description.length > 0)).toBe(true);
  });
});
