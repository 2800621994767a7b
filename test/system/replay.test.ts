import {mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import {afterEach, describe, expect, it} from 'vitest';

import {ExternalCommandError, InputError} from '../../src/errors.js';
import {fileJournalStore} from '../../src/system/journal-store.js';
import {boundedNodeFiles} from '../../src/system/node-files.js';
import {readReplayNode, replayJournals, replayNodeFiles, replayPath, replayRunner} from '../../src/system/replay.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, {recursive: true, force: true});
});

function scenario(commands: unknown, files: Record<string, string> = {}): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'patchplan-replay-'));
  dirs.push(dir);
  writeFileSync(path.join(dir, 'commands.json'), JSON.stringify(commands));
  writeFileSync(path.join(dir, 'node.json'), JSON.stringify({platform: 'win32', hostname: 'web-01', arch: 'x64', userId: 0, env: {SystemRoot: 'C:\\Windows'}}));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), {recursive: true});
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const calls = (dir: string): unknown[] =>
  readFileSync(path.join(dir, 'calls.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));

describe('replayRunner', () => {
  it('answers each argv from its recordings in order, matches recorded stdin, streams stdout lines and logs every call', async () => {
    const dir = scenario(
      [
        {argv: ['/bin/tool', 'list'], exitCode: 0, stdoutFile: 'first.txt'},
        {argv: ['/bin/tool', 'list'], exitCode: 0, stdoutFile: 'second.txt'},
        {argv: ['/bin/ps', '-Command', '-'], stdin: '{"mode":"install"}', exitCode: 1, stdoutFile: null, stderrFile: 'err.txt'},
        {argv: ['/bin/ps', '-Command', '-'], stdin: '{"mode":"scan"}', exitCode: 0, stdoutFile: 'scan.json'},
      ],
      {'first.txt': 'a\nb\n', 'second.txt': 'c\n', 'err.txt': 'boom\n', 'scan.json': '{}'},
    );
    const runner = replayRunner(dir);
    const lines: string[] = [];
    expect(await runner.run({file: '/bin/tool', args: ['list']}, {onStdoutLine: (l) => lines.push(l)})).toEqual({exitCode: 0, stdout: 'a\nb\n', stderr: ''});
    expect(lines).toEqual(['a', 'b']);
    expect((await runner.run({file: '/bin/tool', args: ['list']})).stdout).toBe('c\n');
    expect(await runner.run({file: '/bin/ps', args: ['-Command', '-']}, {input: '{"mode":"scan"}'})).toEqual({exitCode: 0, stdout: '{}', stderr: ''});
    expect(await runner.run({file: '/bin/ps', args: ['-Command', '-']}, {input: '{"mode":"install"}'})).toEqual({exitCode: 1, stdout: '', stderr: 'boom\n'});
    expect(calls(dir)).toEqual([
      {argv: ['/bin/tool', 'list'], stdin: null},
      {argv: ['/bin/tool', 'list'], stdin: null},
      {argv: ['/bin/ps', '-Command', '-'], stdin: '{"mode":"scan"}'},
      {argv: ['/bin/ps', '-Command', '-'], stdin: '{"mode":"install"}'},
    ]);
  });

  it('an argv not recorded (or recorded fewer times than run) is an error naming it (exit 1), and is still logged', async () => {
    const dir = scenario([{argv: ['/bin/tool', 'list'], exitCode: 0}]);
    const runner = replayRunner(dir);
    await runner.run({file: '/bin/tool', args: ['list']});
    const again = await runner.run({file: '/bin/tool', args: ['list']}).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(ExternalCommandError);
    expect((again as ExternalCommandError).line()).toBe('/bin/tool list: no recorded answer in the replay scenario (test only)');
    expect((again as ExternalCommandError).exitCode).toBe(1);
    expect(calls(dir)).toHaveLength(2);
  });

  it('continues across processes: what an earlier runner ran (calls.jsonl) has used its recordings', async () => {
    const dir = scenario(
      [
        {argv: ['/bin/tool', 'list'], exitCode: 0, stdoutFile: 'first.txt'},
        {argv: ['/bin/tool', 'list'], exitCode: 0, stdoutFile: 'second.txt'},
      ],
      {'first.txt': 'before\n', 'second.txt': 'after\n'},
    );
    expect((await replayRunner(dir).run({file: '/bin/tool', args: ['list']})).stdout).toBe('before\n');
    expect((await replayRunner(dir).run({file: '/bin/tool', args: ['list']})).stdout).toBe('after\n');
  });

  it("a recording's writes replace node files once it is answered, and only then", async () => {
    const dir = scenario(
      [
        {argv: ['/usr/sbin/softwareupdate', '--list'], exitCode: 0},
        {argv: ['/usr/sbin/softwareupdate', '--install', 'x'], exitCode: 0, writes: {'/Library/Receipts/InstallHistory.plist': 'after/history.plist', 'C:\\Windows\\new.log': 'after/new.log'}},
      ],
      {'files/Library/Receipts/InstallHistory.plist': '<before/>', 'after/history.plist': '<after/>', 'after/new.log': 'done'},
    );
    const runner = replayRunner(dir);
    const files = replayNodeFiles(dir, boundedNodeFiles(1 << 20));
    await runner.run({file: '/usr/sbin/softwareupdate', args: ['--list']});
    expect(await files.readText('/Library/Receipts/InstallHistory.plist')).toBe('<before/>');
    expect(await files.exists('C:\\Windows\\new.log')).toBe(false);
    await runner.run({file: '/usr/sbin/softwareupdate', args: ['--install', 'x']});
    expect(await files.readText('/Library/Receipts/InstallHistory.plist')).toBe('<after/>');
    expect(await files.readText('C:\\Windows\\new.log')).toBe('done');
    expect(readFileSync(path.join(dir, 'after/history.plist'), 'utf8')).toBe('<after/>');
  });

  it.each([
    [{'Library/x': 'a.txt'}, /commands\.json: 0\.writes\.Library\/x: .*absolute node path/],
    [{'/Library/../etc/x': 'a.txt'}, /commands\.json: 0\.writes\.\/Library\/\.\.\/etc\/x: .*must not contain \.\./],
    [{'/Library/x': '../outside.txt'}, /commands\.json: 0\.writes\.\/Library\/x: must be a path inside the scenario directory/],
    [{'/Library/x': '/tmp/a.txt'}, /commands\.json: 0\.writes\.\/Library\/x: must be a path inside the scenario directory/],
  ])('writes %j are refused when the scenario is read', (writes, line) => {
    const dir = scenario([{argv: ['/bin/tool'], exitCode: 0, writes}]);
    expect(() => replayRunner(dir)).toThrow(InputError);
    try {
      replayRunner(dir);
    } catch (e) {
      expect((e as InputError).line()).toMatch(line);
    }
  });

  it('a malformed scenario is one line naming the file and the JSON path', () => {
    const dir = scenario([{argv: [], exitCode: 0}]);
    const error = (() => {
      try {
        replayRunner(dir);
        return null;
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).line()).toMatch(/commands\.json: 0\.argv: /);
  });
});

describe('the replayed node', () => {
  it('reads node.json, maps node paths (POSIX and Windows) into files/, and keeps the journal under state/', async () => {
    const dir = scenario([], {'files/Library/Receipts/InstallHistory.plist': '<plist/>', 'files/C/Windows/win.ini': '[fonts]'});
    expect(readReplayNode(dir)).toEqual({platform: 'win32', hostname: 'web-01', arch: 'x64', userId: 0, env: {SystemRoot: 'C:\\Windows'}});
    expect(replayPath(dir, 'C:\\Windows\\win.ini')).toBe(path.join(dir, 'files/C/Windows/win.ini'));
    const files = replayNodeFiles(dir, boundedNodeFiles(1 << 20));
    expect(await files.readText('/Library/Receipts/InstallHistory.plist')).toBe('<plist/>');
    expect(await files.readText('C:\\Windows\\win.ini')).toBe('[fonts]');
    expect(await files.exists('/etc/os-release')).toBe(false);
    const digest = `sha256:${'a'.repeat(64)}`;
    const journals = replayJournals(dir, fileJournalStore);
    await journals.append('/', digest, '{"event":"x"}');
    expect(journals.location('/', digest)).toBe(path.join(dir, 'state/var/lib/patchplan', `${'a'.repeat(64)}.jsonl`));
    expect(await journals.read('C:\\', digest)).toContain('{"event":"x"}');
  });
});
