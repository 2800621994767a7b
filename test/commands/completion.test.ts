/**
 * Shell completion (@oclif/plugin-autocomplete) for the built CLI: the cache it writes for bash
 * is sourced in a real bash, and its completion function asked what it would complete, as bash
 * does on Tab (COMP_WORDS/COMP_CWORD). zsh is not on the test machines; its function file is
 * checked for the same commands and flags.
 */
import {mkdtempSync, readFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import {execa} from 'execa';
import {beforeAll, describe, expect, it} from 'vitest';

import {runCli} from '../helpers/cli.js';

let cache = '';

beforeAll(async () => {
  const home = mkdtempSync(path.join(os.tmpdir(), 'pp-completion-'));
  cache = path.join(home, 'cache');
  const built = await runCli(['autocomplete', '--refresh-cache'], {env: {HOME: home, XDG_CACHE_HOME: cache}});
  expect(built.exitCode).toBe(0);
});

/** What bash offers on Tab after `line` (the function the setup script registers, called as bash calls it). */
async function bashCompletes(line: string): Promise<string[]> {
  const script = [
    `source ${JSON.stringify(path.join(cache, 'patchplan/autocomplete/bash_setup'))}`,
    'read -ra COMP_WORDS <<< "$LINE"',
    '[[ "$LINE" == *" " ]] && COMP_WORDS+=("")',
    'COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))',
    'COMP_LINE="$LINE"; COMP_POINT=${#LINE}',
    '_patchplan_autocomplete',
    'printf "%s\\n" "${COMPREPLY[@]}"',
  ].join('\n');
  const result = await execa('/bin/bash', ['-c', script], {env: {LINE: line}, extendEnv: false});
  return result.stdout.split('\n').filter(Boolean);
}

describe('shell completion', () => {
  it('bash completes commands, topics and flags', async () => {
    expect(await bashCompletes('patchplan pl')).toEqual(['plan']);
    expect(await bashCompletes('patchplan plan --det')).toEqual(['--detailed-exitcode']);
    expect(await bashCompletes('patchplan apply --no-re')).toEqual(['--no-repair']);
  });

  it('zsh gets a completion function with every command and its flags', () => {
    const zsh = readFileSync(path.join(cache, 'patchplan/autocomplete/functions/zsh/_patchplan'), 'utf8');
    for (const text of ['plan', 'apply', 'show', '--detailed-exitcode', '--trusted-keys']) expect(zsh).toContain(text);
  });

  it('`autocomplete script bash` prints the line for ~/.bashrc, naming the setup file it sources', async () => {
    const result = await runCli(['autocomplete', 'script', 'bash'], {env: {XDG_CACHE_HOME: cache}});
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain(`PATCHPLAN_AC_BASH_SETUP_PATH=${cache}/patchplan/autocomplete/bash_setup`);
  });
});
