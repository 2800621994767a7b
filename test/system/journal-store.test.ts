import {spawnSync} from 'node:child_process';
import {mkdtempSync, readFileSync, statSync, utimesSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import {describe, expect, it} from 'vitest';

import {fileJournalStore, journalDir} from '../../src/system/journal-store.js';

const DIGEST = `sha256:${'ab'.repeat(32)}`;
const newRoot = (): string => mkdtempSync(path.join(os.tmpdir(), 'pp-journal-'));
const holder = (run: string, pid = process.pid) => ({pid, run, at: '2026-12-01T10:00:00.000Z'});

/** A pid that belonged to a process that has exited. */
function deadPid(): number {
  return Number(spawnSync('/bin/sh', ['-c', 'echo $$'], {encoding: 'utf8'}).stdout.trim());
}

describe('fileJournalStore', () => {
  it('appends under ROOT/var/lib/patchplan (0700) to <digest>.jsonl (0600), whatever the umask', async () => {
    const root = newRoot();
    expect(await fileJournalStore.read(root, DIGEST)).toBe('');
    const previous = process.umask(0o000);
    try {
      await fileJournalStore.append(root, DIGEST, 'one\n');
      await fileJournalStore.append(root, DIGEST, 'two\n');
    } finally {
      process.umask(previous);
    }
    const file = fileJournalStore.location(root, DIGEST);
    expect(file).toBe(path.join(root, 'var/lib/patchplan', `${'ab'.repeat(32)}.jsonl`));
    expect(readFileSync(file, 'utf8')).toBe('one\ntwo\n');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(journalDir(root)).mode & 0o777).toBe(0o700);
  });

  it('refuses a digest that is not one (it becomes a file name)', async () => {
    await expect(fileJournalStore.append(newRoot(), '../../etc/passwd', 'x')).rejects.toThrow('is not a plan digest');
  });

  it('the run lock: one holder at a time, the second told who; released, it can be taken again', async () => {
    const root = newRoot();
    const first = await fileJournalStore.tryLock(root, DIGEST, holder('run-1'));
    expect(first.acquired).toBe(true);
    const second = await fileJournalStore.tryLock(root, DIGEST, holder('run-2'));
    expect(second).toMatchObject({acquired: false, holder: {pid: process.pid, run: 'run-1', at: '2026-12-01T10:00:00.000Z'}});
    if (first.acquired) await first.release();
    expect((await fileJournalStore.tryLock(root, DIGEST, holder('run-3'))).acquired).toBe(true);
  });

  it('takes over the lock of a run whose process is gone (killed), and of a reused pid (another start time)', async () => {
    const root = newRoot();
    const lockFile = path.join(journalDir(root), `${'ab'.repeat(32)}.lock`);
    expect((await fileJournalStore.tryLock(root, DIGEST, holder('killed-run', deadPid()))).acquired).toBe(true);
    expect((await fileJournalStore.tryLock(root, DIGEST, holder('next-run'))).acquired).toBe(true);
    writeFileSync(lockFile, JSON.stringify({pid: process.pid, run: 'pid-reused', at: '', start: '1'}));
    expect((await fileJournalStore.tryLock(root, DIGEST, holder('after-reuse'))).acquired).toBe(true);
  });

  it('an empty lock file (a kill between creating and writing it) is taken over once it is a few seconds old', async () => {
    const root = newRoot();
    await fileJournalStore.append(root, DIGEST, '');
    const lockFile = path.join(journalDir(root), `${'ab'.repeat(32)}.lock`);
    writeFileSync(lockFile, '');
    const old = new Date(Date.now() - 60_000);
    utimesSync(lockFile, old, old);
    expect((await fileJournalStore.tryLock(root, DIGEST, holder('run-after-torn'))).acquired).toBe(true);
  });
});
