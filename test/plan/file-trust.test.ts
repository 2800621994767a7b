import {chmod, chown, mkdir, mkdtemp, rm, symlink, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';

import {afterAll, beforeAll, describe, expect, it} from 'vitest';

import {PlanRefusedError} from '../../src/errors.js';
import {checkPlanFileTrust, judgePlanFileTrust} from '../../src/plan/file-trust.js';
import {nodeFileSystem} from '../../src/system/fs.js';

const ME = process.getuid?.() ?? 0;
const OTHER = 65534; // nobody
const file = (mode: number, uid = ME) => ({path: '/plans/p.json', status: {kind: 'file' as const, size: 1, mode, uid}});
const dir = (p: string, mode: number, uid = 0) => ({path: p, status: {kind: 'directory' as const, size: 0, mode, uid}});

describe('judgePlanFileTrust', () => {
  it('trusts a 0600/0644 file of root or the caller in directories only they can write', () => {
    expect(judgePlanFileTrust(file(0o600), [dir('/plans', 0o755, ME), dir('/', 0o755)], ME)).toEqual([]);
    expect(judgePlanFileTrust(file(0o644, 0), [dir('/plans', 0o700), dir('/', 0o755)], ME)).toEqual([]);
  });

  it('refuses a file others or its group can write, naming the mode', () => {
    expect(judgePlanFileTrust(file(0o666), [], ME)).toEqual(['it is writable by group and others (mode 0666)']);
    expect(judgePlanFileTrust(file(0o620), [], ME)).toEqual(['it is writable by its group (mode 0620)']);
  });

  it("refuses a file or directory owned by someone else", () => {
    expect(judgePlanFileTrust(file(0o600, OTHER), [dir('/home/eve', 0o755, OTHER)], 0)).toEqual([
      `it is owned by uid ${OTHER}, not by root or by the user running apply (uid 0)`,
      `its directory /home/eve is owned by uid ${OTHER}, not by root or by the user running apply`,
    ]);
  });

  it('refuses a writable directory on the path, unless its sticky bit keeps others from replacing the file', () => {
    expect(judgePlanFileTrust(file(0o600), [dir('/shared', 0o777), dir('/', 0o755)], ME)).toEqual(['its directory /shared is writable by group and others (mode 0777)']);
    expect(judgePlanFileTrust(file(0o600), [dir('/tmp', 0o1777), dir('/', 0o755)], ME)).toEqual([]);
  });
});

describe('checkPlanFileTrust on real files', () => {
  let base: string;
  beforeAll(async () => {
    base = await mkdtemp(path.join(tmpdir(), 'pp-trust-'));
  });
  afterAll(async () => {
    await rm(base, {recursive: true, force: true});
  });

  async function planAt(relative: string, mode: number): Promise<string> {
    const p = path.join(base, relative);
    await mkdir(path.dirname(p), {recursive: true});
    await writeFile(p, '{}');
    await chmod(p, mode);
    return p;
  }

  it('passes a 0600 plan in a private directory, and a missing file (reading it reports that)', async () => {
    await expect(checkPlanFileTrust(await planAt('ok/p.json', 0o600), nodeFileSystem, ME)).resolves.toBeUndefined();
    await expect(checkPlanFileTrust(path.join(base, 'nope.json'), nodeFileSystem, ME)).resolves.toBeUndefined();
  });

  it('refuses a world-writable plan with exit 3 and the remedy', async () => {
    const p = await planAt('loose/p.json', 0o666);
    const error = await checkPlanFileTrust(p, nodeFileSystem, ME).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlanRefusedError);
    expect((error as PlanRefusedError).exitCode).toBe(3);
    expect((error as PlanRefusedError).line()).toBe(
      `${p}: not applied: someone other than root or you could have replaced this plan: it is writable by group and others (mode 0666) (chmod go-w, chown, or move it to a directory only you can write; --insecure-plan-permissions skips this check)`,
    );
  });

  it('refuses a plan in a world-writable directory without the sticky bit, and follows symbolic links to the real file', async () => {
    const p = await planAt('open/p.json', 0o600);
    await chmod(path.dirname(p), 0o777);
    await expect(checkPlanFileTrust(p, nodeFileSystem, ME)).rejects.toThrow(/its directory .*\/open is writable by group and others \(mode 0777\)/);
    const link = path.join(base, 'ok', 'link.json');
    await symlink(p, link);
    await expect(checkPlanFileTrust(link, nodeFileSystem, ME)).rejects.toThrow(/\/open is writable/);
    await chmod(path.dirname(p), 0o1777);
    await expect(checkPlanFileTrust(p, nodeFileSystem, ME)).resolves.toBeUndefined();
  });

  // Only root can give a file away; the suite runs as root (scripts/install-test-deps.sh needs it anyway).
  it('refuses a plan owned by another user', async () => {
    const p = await planAt('theirs/p.json', 0o600);
    await chown(p, OTHER, OTHER);
    await expect(checkPlanFileTrust(p, nodeFileSystem, ME)).rejects.toThrow(`it is owned by uid ${OTHER}`);
  });
});
