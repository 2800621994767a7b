import {lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import {afterAll, describe, expect, it} from 'vitest';

import {nodeFiles} from '../../../src/system/node-files.js';

import {
  aptRootConfig,
  checkAptConfigDump,
  dpkgRootOptions,
  normalizeRoot,
  probeRootFacts,
  writeAptRootConfig,
} from '../../../src/managers/apt/root-config.js';
import {CAPTURE_LAB, CAPTURE_ROOT, errorLine, fixture, recordedCommands} from './support.js';

const EMPTY_ROOT_FACTS = {hasShell: false, runningAsRoot: true};

describe('normalizeRoot', () => {
  it('makes the path canonical', () => {
    expect(normalizeRoot('/srv/images/web-01/')).toBe('/srv/images/web-01');
    expect(normalizeRoot('/srv/a/../b')).toBe('/srv/b');
    expect(normalizeRoot('/')).toBe('/');
  });

  it('refuses a relative path and characters apt configuration would have to quote', () => {
    expect(errorLine(() => normalizeRoot('srv/root'))).toBe('srv/root: --root must be an absolute path');
    for (const bad of ['/srv/my root', '/srv/a"b', '/srv/a;b', '/srv/a{b}', '/srv/a\nb', '/srv/#x']) {
      expect(errorLine(() => normalizeRoot(bad))).toContain('--root may only contain');
    }
  });
});

describe('dpkgRootOptions', () => {
  it.each([
    [{hasShell: false, runningAsRoot: true}, ['--force-script-chrootless']],
    [{hasShell: true, runningAsRoot: true}, []],
    [{hasShell: false, runningAsRoot: false}, ['--force-script-chrootless', '--force-not-root']],
    [{hasShell: true, runningAsRoot: false}, ['--force-not-root']],
  ])('%o', (facts, extra) => {
    expect(dpkgRootOptions('/r', facts)).toEqual(['--root=/r', '--admindir=/r/var/lib/dpkg', '--log=/r/var/log/dpkg.log', ...extra]);
  });
});

describe('aptRootConfig', () => {
  const config = aptRootConfig(CAPTURE_ROOT, EMPTY_ROOT_FACTS, CAPTURE_LAB);

  it('is the file the capture ran with (same content, same name)', () => {
    expect(recordedCommands('debian-12/collect')[0]?.argv.env.APT_CONFIG).toBe(config.path);
  });

  it('clears what the root may add, then moves apt into the root and gives dpkg the root options', () => {
    expect(config.content.split('\n')).toEqual([
      `// Written by patchplan for --root ${CAPTURE_ROOT}. Read as APT_CONFIG (before ${CAPTURE_ROOT}/etc/apt) and`,
      '// again with -c (after it), so these values win; see src/managers/apt/root-config.ts.',
      '#clear DPkg::Options;',
      '#clear DPkg::Pre-Invoke;',
      '#clear DPkg::Post-Invoke;',
      '#clear DPkg::Pre-Install-Pkgs;',
      '#clear DPkg::Post-Invoke-Success;',
      '#clear APT::Update::Pre-Invoke;',
      '#clear APT::Update::Post-Invoke;',
      '#clear APT::Update::Post-Invoke-Success;',
      '#clear DPkg::Chroot-Directory;',
      `Dir "${CAPTURE_ROOT}/";`,
      `Dir::State::status "${CAPTURE_ROOT}/var/lib/dpkg/status";`,
      `Dir::Log "${CAPTURE_ROOT}/var/log/apt";`,
      'Dir::Bin::dpkg "/usr/bin/dpkg";',
      `DPkg::Options { "--root=${CAPTURE_ROOT}"; "--admindir=${CAPTURE_ROOT}/var/lib/dpkg"; "--log=${CAPTURE_ROOT}/var/log/dpkg.log"; "--force-script-chrootless"; };`,
      'DPkg::Use-Pty "false";',
      '',
    ]);
  });

  it('is named by its content, outside the root', () => {
    expect(config.path).toMatch(new RegExp(`^${CAPTURE_LAB}/patchplan-apt-[0-9a-f]{20}\\.conf$`));
    expect(aptRootConfig(CAPTURE_ROOT, {hasShell: true, runningAsRoot: true}, CAPTURE_LAB).path).not.toBe(config.path);
    expect(aptRootConfig(CAPTURE_ROOT, EMPTY_ROOT_FACTS, CAPTURE_LAB)).toEqual(config);
  });

  it('always carries --root and --admindir for the root, whatever the root and the host facts', () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[a-z0-9._+-]{1,8}$/), {minLength: 1, maxLength: 4}),
        fc.boolean(),
        fc.boolean(),
        (parts, hasShell, runningAsRoot) => {
          const root = normalizeRoot(`/${parts.join('/')}`);
          if (root === '/') return;
          const c = aptRootConfig(root, {hasShell, runningAsRoot}, '/tmp');
          expect(c.dpkgOptions.slice(0, 2)).toEqual([`--root=${root}`, `--admindir=${root}/var/lib/dpkg`]);
          expect(c.content).toContain(`DPkg::Options { "--root=${root}"; "--admindir=${root}/var/lib/dpkg";`);
          expect(c.content).toContain(`Dir "${root}/";`);
          expect(c.path.startsWith(`${root}/`)).toBe(false);
        },
      ),
    );
  });
});

describe('checkAptConfigDump (real apt-config dump output)', () => {
  it('accepts the dump of the collect capture', () => {
    const config = aptRootConfig(CAPTURE_ROOT, EMPTY_ROOT_FACTS, CAPTURE_LAB);
    expect(checkAptConfigDump(fixture('debian-12/collect/apt-config-dump.stdout'), CAPTURE_ROOT, config)).toEqual([]);
  });

  it("accepts a root with its own hooks once -c re-read the file: they are gone", () => {
    const root = `${CAPTURE_LAB}/root-hooks`;
    const config = aptRootConfig(root, EMPTY_ROOT_FACTS, CAPTURE_LAB);
    expect(checkAptConfigDump(fixture('debian-12/root-hooks/apt-config-dump.stdout'), root, config)).toEqual([]);
  });

  it('names everything wrong when the file was read only as APT_CONFIG', () => {
    const root = `${CAPTURE_LAB}/root-hooks`;
    const config = aptRootConfig(root, EMPTY_ROOT_FACTS, CAPTURE_LAB);
    expect(checkAptConfigDump(fixture('debian-12/root-hooks/apt-config-dump-without-c.stdout'), root, config)).toEqual([
      'Dir::Bin::dpkg is "/bin/false"',
      `DPkg::Options are ${JSON.stringify([...config.dpkgOptions, '--force-confnew'])}, expected ${JSON.stringify(config.dpkgOptions)}`,
      'DPkg::Post-Invoke is set',
      'DPkg::Pre-Install-Pkgs is set',
    ]);
  });

  it('refuses a dump for another root', () => {
    const config = aptRootConfig('/srv/other', EMPTY_ROOT_FACTS, CAPTURE_LAB);
    const problems = checkAptConfigDump(fixture('debian-12/collect/apt-config-dump.stdout'), '/srv/other', config);
    expect(problems[0]).toBe(`Dir is "${CAPTURE_ROOT}/", not "/srv/other/"`);
    expect(problems).toContain("Dir::State::status is not the root's dpkg status");
  });
});

describe('on the file system', () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'pp-apt-root-config-'));
  afterAll(() => rmSync(tmp, {recursive: true, force: true}));

  it('writes the file 0600 by rename, replacing a symlink planted at its name instead of following it', async () => {
    const config = aptRootConfig('/srv/r', EMPTY_ROOT_FACTS, tmp);
    const victim = path.join(tmp, 'victim');
    writeFileSync(victim, 'do not touch');
    symlinkSync(victim, config.path);
    await writeAptRootConfig(config);
    expect(readFileSync(victim, 'utf8')).toBe('do not touch');
    expect(lstatSync(config.path).isSymbolicLink()).toBe(false);
    expect(lstatSync(config.path).mode & 0o777).toBe(0o600);
    expect(readFileSync(config.path, 'utf8')).toBe(config.content);
    await writeAptRootConfig(config);
    expect(readFileSync(config.path, 'utf8')).toBe(config.content);
  });

  it('probes the root: an empty root has no shell; a symlinked /bin/sh counts even if it points outside', async () => {
    const empty = path.join(tmp, 'empty');
    mkdirSync(empty);
    expect((await probeRootFacts(empty, {files: nodeFiles, userId: 0})).hasShell).toBe(false);
    const full = path.join(tmp, 'full');
    mkdirSync(path.join(full, 'usr/bin'), {recursive: true});
    symlinkSync('usr/bin', path.join(full, 'bin'));
    symlinkSync('/nonexistent/dash', path.join(full, 'usr/bin/sh'));
    expect(await probeRootFacts(full, {files: nodeFiles, userId: 0})).toEqual({hasShell: true, runningAsRoot: true});
    expect((await probeRootFacts(full, {files: nodeFiles, userId: 1000})).runningAsRoot).toBe(false);
  });
});
