/**
 * Every command, through the built CLI, with what a new user gets wrong: a flag that does not
 * exist, an argument too many, a file that is not there. Each is a usage error: exit 1, nothing
 * on stdout, one `error:` line naming what is wrong (never exit 2, which `plan
 * --detailed-exitcode` reserves for "installs pending"). The commands come from the manifest the
 * build writes, so a new command is covered without editing this file. Plus help, -h, version,
 * did-you-mean for commands and flags.
 */
import {readFileSync} from 'node:fs';
import path from 'node:path';

import {describe, expect, it} from 'vitest';

import {expectOneLineError, REPO, runCli} from '../helpers/cli.js';

interface ManifestCommand {
  readonly id: string;
  readonly args: Record<string, {readonly name: string; readonly required?: boolean}>;
  /** false: the last argument takes any number of values (fleet report PLAN…). */
  readonly strict?: boolean;
  readonly flags: Record<string, {readonly name: string; readonly type: string; readonly required?: boolean; readonly options?: readonly string[]}>;
}

const manifest = JSON.parse(readFileSync(path.join(REPO, 'oclif.manifest.json'), 'utf8')) as {commands: Record<string, ManifestCommand>};
const commands = Object.values(manifest.commands);
const words = (id: string): string[] => id.split(':');
const MISSING = '/nonexistent/patchplan-usage-test/file.json';

describe.each(commands.map((c) => [words(c.id).join(' '), c] as const))('patchplan %s', (name, command) => {
  it('a flag that does not exist: exit 1, one line naming it', async () => {
    const line = expectOneLineError(await runCli([...words(command.id), '--no-such-flag']), 1);
    expect(line).toMatch(/^error: .*--no-such-flag/);
  });

  it(`${name} -h and --help print its help (exit 0); so does help ${name}`, async () => {
    for (const args of [[...words(command.id), '-h'], [...words(command.id), '--help'], ['help', ...words(command.id)]]) {
      const result = await runCli(args);
      expect({args, exit: result.exitCode, stderr: result.stderr}).toEqual({args, exit: 0, stderr: ''});
      expect(result.stdout).toContain(`$ patchplan ${words(command.id).join(' ')}`);
    }
  });
});

/** Commands with a fixed number of arguments (the variadic ones are below). */
const fixedArity = commands.filter((c) => c.strict !== false);
describe.each(fixedArity.map((c) => [words(c.id).join(' '), c] as const))('patchplan %s', (_name, command) => {
  it('an argument too many: exit 1, one line naming it', async () => {
    const args = Object.values(command.args).map(() => MISSING);
    const line = expectOneLineError(await runCli([...words(command.id), ...args, 'surplus-argument']), 1);
    expect(line).toMatch(/^error: .*surplus-argument/);
  });
});

/** Commands whose argument takes any number of files: each missing one is named, stdout stays empty. */
const variadic = commands.filter((c) => c.strict === false);
describe.each(variadic.map((c) => [words(c.id).join(' '), c] as const))('patchplan %s FILE…', (_name, command) => {
  it('files that do not exist: exit 1, one line for each, nothing on stdout', async () => {
    // Required flags get a value (an option flag its first option): only the files are wrong.
    const required = Object.values(command.flags)
      .filter((f) => f.required)
      .flatMap((f) => [`--${f.name}`, f.options?.[0] ?? MISSING]);
    const result = await runCli([...words(command.id), MISSING, 'surplus-argument', ...required]);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n')).toEqual([
      expect.stringMatching(new RegExp(`^error: ${MISSING}: .*no such file`)),
      expect.stringMatching(/^error: surplus-argument: .*no such file/),
    ]);
  });
});

/** The commands whose argument is a file (PLAN, FILE). */
const withFileArgument = commands.filter((c) => Object.values(c.args).some((a) => ['plan', 'file'].includes(a.name)));

describe.each(withFileArgument.map((c) => [words(c.id).join(' '), c] as const))('patchplan %s FILE', (_name, command) => {
  it('a file that does not exist: exit 1, one line naming it', async () => {
    // Required flags get a missing file too (approve --key): whichever is read first is named.
    const required = Object.values(command.flags).filter((f) => f.required).flatMap((f) => [`--${f.name}`, MISSING]);
    const line = expectOneLineError(await runCli([...words(command.id), MISSING, ...required]), 1);
    expect(line).toContain(MISSING);
    expect(line).toMatch(/no such file/);
  });
});

describe('flags that take a file, pointed at one that does not exist', () => {
  it.each([
    ['plan', '--baseline'],
    ['plan', '--inventory'],
    ['plan', '--install-override-list'],
    ['show', '--trusted-keys'],
    ['approve', '--key'],
  ])('%s %s: exit 1, one line naming the file', async (command, flag) => {
    const fixturePlan = path.join(REPO, 'fixtures', 'plans', 'v1-valid.json');
    const args = command === 'plan' ? [command, flag, MISSING, ...(flag === '--inventory' ? [] : ['--inventory', path.join(REPO, 'fixtures/inventories/debian-12-host.json')])] : [command, fixturePlan, flag, MISSING];
    const line = expectOneLineError(await runCli(args), 1);
    expect(line).toContain(MISSING);
  });
});

describe('mistyped commands and flags', () => {
  it.each([
    [['pln'], 'error: pln: not a patchplan command; did you mean `patchplan plan`? (`patchplan help` lists them)'],
    [['baseline', 'lst'], 'error: baseline lst: not a patchplan command; did you mean `patchplan baseline list`? (`patchplan help` lists them)'],
    [['deploy'], 'error: deploy: not a patchplan command (`patchplan help` lists them)'],
    [['plan', 'extra-arg'], 'error: plan: unexpected argument "extra-arg" (see `patchplan help plan`)'],
    [['plan', '--josn'], 'error: plan: --josn is not a flag of this command; did you mean --json? (patchplan help plan)'],
    [['apply', '--max-ag', '1d'], 'error: apply: --max-ag is not a flag of this command; did you mean --max-age? (patchplan help apply)'],
    [['baseline', 'list', '--frobnicate'], 'error: baseline list: --frobnicate is not a flag of this command (patchplan help baseline list)'],
  ])('%j: exit 1 and one line', async (args, expected) => {
    expect(expectOneLineError(await runCli(args), 1)).toBe(expected);
  });
});

describe('help and version', () => {
  it('patchplan help lists every command; -v and --version print the version', async () => {
    const help = await runCli(['help']);
    expect(help.exitCode).toBe(0);
    for (const c of commands) expect(help.stdout).toContain(words(c.id)[0]);
    for (const flag of ['-v', '--version']) {
      const version = await runCli([flag]);
      expect({exit: version.exitCode, out: version.stdout}).toEqual({exit: 0, out: expect.stringMatching(/^patchplan\/\d+\.\d+\.\d+ /)});
    }
  });
});
