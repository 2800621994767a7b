import {readFileSync} from 'node:fs';

import {describe, expect, it} from 'vitest';

import {changedAnyPackage, pendingInstalls, verifyResults} from '../../src/apply/verify.js';
import type {InstallRun} from '../../src/managers/adapter.js';
import type {Inventory} from '../../src/inventory/schema.js';
import type {PlanDecision} from '../../src/plan/schema.js';
import {aPackage, aPlan, anInventory} from '../helpers/plan-builders.js';

const OLD = '3.0.15-1~deb12u1';
const NEW = '3.0.17-1~deb12u2';

/** The default builders' node, with some installed versions replaced. */
function nodeWith(installed: Record<string, string | null>): Inventory {
  const base = anInventory();
  return {...base, packages: base.packages.map((p) => (p.name in installed ? {...p, installedVersion: installed[p.name] ?? null} : p))};
}

function run(exitCode: number, stderr = '', stdout = ''): InstallRun {
  return {commands: [{argv: {file: '/usr/bin/apt-get', args: ['-y', 'install']}, result: {exitCode, stdout, stderr}}]};
}

// The default plan: libssl3 and openssl install NEW, tzdata is skipped (not-security-repo).
const plan = aPlan();

describe('pendingInstalls', () => {
  it('passes every planned install that is not at its target, with the exact version, in plan order', () => {
    expect(pendingInstalls(plan.decisions, nodeWith({}))).toEqual([
      {name: 'libssl3', arch: 'amd64', version: NEW},
      {name: 'openssl', arch: 'amd64', version: NEW},
    ]);
  });

  it('leaves out packages already at their target (a rerun) and never passes a skip', () => {
    expect(pendingInstalls(plan.decisions, nodeWith({libssl3: NEW}))).toEqual([{name: 'openssl', arch: 'amd64', version: NEW}]);
    expect(pendingInstalls(plan.decisions, nodeWith({libssl3: NEW, openssl: NEW}))).toEqual([]);
  });
});

describe('verifyResults', () => {
  it('installed: the database shows the target after the run', () => {
    const results = verifyResults({decisions: plan.decisions, before: nodeWith({}), after: nodeWith({libssl3: NEW, openssl: NEW}), install: run(0)});
    expect(results).toEqual([
      {name: 'libssl3', arch: 'amd64', from: OLD, to: NEW, status: 'installed', message: null},
      {name: 'openssl', arch: 'amd64', from: OLD, to: NEW, status: 'installed', message: null},
      {
        name: 'tzdata',
        arch: 'all',
        from: '2024a-0+deb12u1',
        to: null,
        status: 'skipped',
        message: expect.stringMatching(/^not changed: the plan skips it \(not-security-repo: 2025b-0\+deb12u1 is only in oldstable-updates/),
      },
    ]);
  });

  it('already-installed: at the target before the run, whatever happened after', () => {
    const [libssl3] = verifyResults({decisions: plan.decisions, before: nodeWith({libssl3: NEW}), after: nodeWith({libssl3: NEW, openssl: NEW}), install: run(0)});
    expect(libssl3).toMatchObject({status: 'already-installed', from: OLD, to: NEW});
  });

  it('failed: the target version is on disk but dpkg left it unfinished (a failing postinst)', () => {
    const after = nodeWith({libssl3: NEW, openssl: NEW});
    const broken: Inventory = {...after, packages: after.packages.map((p) => (p.name === 'openssl' ? {...p, unfinished: 'half-configured'} : p))};
    const stderr = 'dpkg: error processing package openssl (--configure):\n installed openssl package post-installation script subprocess returned error exit status 1\n';
    const [libssl3, openssl] = verifyResults({decisions: plan.decisions, before: nodeWith({}), after: broken, install: run(100, stderr)});
    expect(libssl3).toMatchObject({status: 'installed'});
    expect(openssl).toMatchObject({status: 'failed', to: NEW});
    expect(openssl?.message).toMatch(new RegExp(`^${NEW.replace(/[.+~]/g, '\\$&')} is half-configured after the install, not configured; apt-get exited 100`));
  });

  it('failed: the installer exited 0 but the database still shows the old version', () => {
    const [libssl3] = verifyResults({decisions: plan.decisions, before: nodeWith({}), after: nodeWith({openssl: NEW}), install: run(0)});
    expect(libssl3).toEqual({
      name: 'libssl3',
      arch: 'amd64',
      from: OLD,
      to: NEW,
      status: 'failed',
      message: `still at ${OLD} after the install; apt-get exited 0, but the package database disagrees`,
    });
  });

  it("failed: quotes the installer's error line that names the package, not one about another package", () => {
    const stderr = [
      "E: Version '3.0.17-1~deb12u2' for 'libssl3' was not found",
      "E: Version '9.9' for 'libssl3-dev' was not found",
      '',
    ].join('\n');
    const [libssl3] = verifyResults({decisions: plan.decisions, before: nodeWith({}), after: nodeWith({}), install: run(100, stderr)});
    expect(libssl3?.message).toBe(
      `still at ${OLD} after the install; apt-get exited 100: E: Version '3.0.17-1~deb12u2' for 'libssl3' was not found`,
    );
  });

  it('failed: falls back to the last error line when no line names the package, and says where the version went', () => {
    const stderr = 'Reading package lists...\nE: Unable to acquire the dpkg frontend lock\n';
    const results = verifyResults({decisions: plan.decisions, before: nodeWith({}), after: nodeWith({openssl: '3.0.16-1'}), install: run(100, stderr)});
    expect(results[1]?.message).toBe('at 3.0.16-1 after the install, not the planned version; apt-get exited 100: E: Unable to acquire the dpkg frontend lock');
  });

  it('failed: a package that disappeared is reported as not installed', () => {
    const [libssl3] = verifyResults({decisions: plan.decisions, before: nodeWith({}), after: nodeWith({libssl3: null}), install: run(1)});
    expect(libssl3?.message).toBe('not installed after the install; apt-get exited 1');
  });

  it('keeps control characters from installer output out of the message', () => {
    const [libssl3] = verifyResults({decisions: plan.decisions, before: nodeWith({}), after: nodeWith({}), install: run(100, "E: bad\u001b[31m 'libssl3'\r\n")});
    expect(libssl3?.message).not.toMatch(/[\u0000-\u001f]/);
    expect(libssl3?.message).toContain("E: bad [31m 'libssl3'");
  });
});

/** rpm-family decisions: the default plan's install decision renamed (verify reads only name, arch, versions, action). */
function rpmDecisions(packages: Array<[name: string, from: string, to: string]>): PlanDecision[] {
  const [template] = plan.decisions;
  if (template === undefined) throw new Error('the default plan has no decision');
  return packages.map(([name, from, to]) => ({...template, name, arch: 'noarch', installedVersion: from, candidateVersion: to, targetVersion: to}));
}
function rpmNode(installed: Array<[name: string, version: string, to: string]>): Inventory {
  return anInventory(installed.map(([name, version, to]) => aPackage(name, version, [version, to], {arch: 'noarch'})));
}
function rpmRun(file: string, exitCode: number, stderr: string, stdout: string): InstallRun {
  return {commands: [{argv: {file, args: ['-y', 'install']}, result: {exitCode, stdout, stderr}}]};
}
const fixture = (file: string): string => readFileSync(new URL(`../../fixtures/${file}`, import.meta.url), 'utf8');

describe("verifyResults: dnf and zypper failures lead with the installer's own error line", () => {
  const pkgs: Array<[string, string, string]> = [
    ['app-pp', '1.0-1.amzn2', '1.0-2.amzn2'],
    ['libfoo-pp', '1.0-1.amzn2', '1.1-1.amzn2'],
    ['tool-pp', '2.0-1.el8', '9.9-1.el8'],
  ];
  const decisions = rpmDecisions(pkgs);
  const node = rpmNode(pkgs);

  it("dnf `Error:` on stderr leads, then the line that names the package (stderr's, else the transaction-table row)", () => {
    // Captured: dnf 4.14.0 -y --best install app-pp-1.0-2.amzn2.noarch libfoo-pp-1.1-1.amzn2.noarch on the rpm lab's
    // al2023 root after app-pp's rpm was deleted from the repository (dnf-e2e's "dnf fails inside the transaction"), exit 1.
    const stdout = [
      'Last metadata expiration check: 0:00:04 ago on Tue Nov 24 10:41:11 2026.',
      'Dependencies resolved.',
      '================================================================================',
      ' Package          Architecture  Version               Repository           Size',
      '================================================================================',
      'Upgrading:',
      ' app-pp           noarch        1.0-2.amzn2           amzn-updates        6.0 k',
      ' libfoo-pp        noarch        1.1-1.amzn2           amzn-updates        6.0 k',
      '',
      'Transaction Summary',
      '================================================================================',
      'Upgrade  2 Packages',
      '',
      'Total size: 12 k',
      'Total download size: 6.0 k',
      'Downloading Packages:',
      '',
    ].join('\n');
    const stderr = [
      'Error opening /tmp/zb/c1/repo-updates/app-pp-1.0-2.amzn2.noarch.rpm: No such file or directory',
      'Package "app-pp-1.0-2.amzn2.noarch" from local repository "amzn-updates" has incorrect checksum',
      'Error: Some packages from local repository have incorrect checksum',
      '',
    ].join('\n');
    const [app, libfoo] = verifyResults({decisions, before: node, after: node, install: rpmRun('/usr/bin/dnf', 1, stderr, stdout)});
    expect(app?.message).toBe(
      'still at 1.0-1.amzn2 after the install; dnf exited 1: Error: Some packages from local repository have incorrect checksum / Package "app-pp-1.0-2.amzn2.noarch" from local repository "amzn-updates" has incorrect checksum',
    );
    // Nothing on stderr names libfoo-pp: its transaction-table row follows dnf's error line.
    expect(libfoo?.message).toBe(
      'still at 1.0-1.amzn2 after the install; dnf exited 1: Error: Some packages from local repository have incorrect checksum / libfoo-pp        noarch        1.1-1.amzn2           amzn-updates        6.0 k',
    );
  });

  it('dnf `Error: Unable to find a match` (fixtures/dnf/lab-al2023/install-missing): the error line names the NEVRA, so it alone', () => {
    const install = rpmRun('/usr/bin/dnf', Number(fixture('dnf/lab-al2023/install-missing.exit').trim()), fixture('dnf/lab-al2023/install-missing.stderr'), fixture('dnf/lab-al2023/install-missing.stdout'));
    const [app, , tool] = verifyResults({decisions, before: node, after: node, install});
    expect(tool?.message).toBe('still at 2.0-1.el8 after the install; dnf exited 1: Error: Unable to find a match: tool-pp-9.9-1.el8.noarch');
    // A package the aborted transaction did not reach: dnf's error line, no line names it.
    expect(app?.message).toBe('still at 1.0-1.amzn2 after the install; dnf exited 1: Error: Unable to find a match: tool-pp-9.9-1.el8.noarch');
  });

  it("dnf --best: the bare `Error:` header is joined with the `Problem:` line under it", () => {
    // Captured: dnf 4.14.0 -y -q --best install app-pp-1.0-2.amzn2.noarch --exclude=libfoo-pp (stdout empty), exit 1.
    const stderr = [
      'Error: ',
      ' Problem: package app-pp-1.0-2.amzn2.noarch requires libfoo-pp >= 1.1, but none of the providers can be installed',
      '  - conflicting requests',
      '  - package libfoo-pp-1.1-1.amzn2.noarch is filtered out by exclude filtering',
      '',
    ].join('\n');
    const [app, libfoo, tool] = verifyResults({decisions, before: node, after: node, install: rpmRun('/usr/bin/dnf', 1, stderr, '')});
    const problem = 'Error: Problem: package app-pp-1.0-2.amzn2.noarch requires libfoo-pp >= 1.1, but none of the providers can be installed';
    expect(app?.message).toBe(`still at 1.0-1.amzn2 after the install; dnf exited 1: ${problem}`);
    expect(libfoo?.message).toBe(`still at 1.0-1.amzn2 after the install; dnf exited 1: ${problem}`);
    expect(tool?.message).toBe(`still at 2.0-1.el8 after the install; dnf exited 1: ${problem}`);
  });

  it("zypper's solver `Problem:` (printed on stdout, exit 4) leads; the package's own line follows when the problem is about another", () => {
    // zypper 1.14.42 --root R --non-interactive install --no-recommends app-pp=1.0-2.amzn2 with libfoo-pp locked (stderr empty).
    const stdout = [
      'Loading repository data...',
      'Reading installed packages...',
      'Resolving package dependencies...',
      '',
      'Problem: app-pp-1.0-2.amzn2.noarch requires libfoo-pp >= 1.1, but this requirement cannot be provided',
      '  not installable providers: libfoo-pp-1.1-1.amzn2.noarch[updates]',
      ' Solution 1: Following actions will be done:',
      '  remove lock to allow installation of libfoo-pp-1.1-1.amzn2.noarch[updates]',
      '  remove lock to allow removal of libfoo-pp-1.0-1.amzn2.noarch',
      ' Solution 2: do not install app-pp-1.0-2.amzn2.noarch',
      ' Solution 3: break app-pp-1.0-2.amzn2.noarch by ignoring some of its dependencies',
      '',
      'Choose from above solutions by number or cancel [1/2/3/c/d/?] (c): c',
      '',
    ].join('\n');
    const [app, libfoo, tool] = verifyResults({decisions, before: node, after: node, install: rpmRun('/usr/bin/zypper', 4, '', stdout)});
    const problem = 'Problem: app-pp-1.0-2.amzn2.noarch requires libfoo-pp >= 1.1, but this requirement cannot be provided';
    expect(app?.message).toBe(`still at 1.0-1.amzn2 after the install; zypper exited 4: ${problem}`);
    expect(libfoo?.message).toBe(`still at 1.0-1.amzn2 after the install; zypper exited 4: ${problem}`);
    expect(tool?.message).toBe(`still at 2.0-1.el8 after the install; zypper exited 4: ${problem}`);
  });

  it("zypper without a `Problem:` (fixtures/zypper/lab/install-not-found): its stderr line that names the package, not stdout's", () => {
    // Captured with the same argv on the rpm lab's repos: stdout as the fixture, this one line on stderr, exit 104.
    const install = rpmRun('/usr/bin/zypper', 104, "No provider of 'tool-pp=9.9-1' found.\n", fixture('zypper/lab/install-not-found.stdout'));
    const [app, , tool] = verifyResults({decisions, before: node, after: node, install});
    expect(tool?.message).toBe("still at 2.0-1.el8 after the install; zypper exited 104: No provider of 'tool-pp=9.9-1' found.");
    expect(app?.message).toBe('still at 1.0-1.amzn2 after the install; zypper exited 104');
  });
});

describe('changedAnyPackage', () => {
  it('is true when any planned package changed version, false when none did', () => {
    expect(changedAnyPackage(plan.decisions, nodeWith({}), nodeWith({openssl: NEW}))).toBe(true);
    expect(changedAnyPackage(plan.decisions, nodeWith({}), nodeWith({}))).toBe(false);
  });

  it('ignores skipped packages that changed behind our back', () => {
    expect(changedAnyPackage(plan.decisions, nodeWith({}), nodeWith({tzdata: '2025b-0+deb12u1'}))).toBe(false);
  });
});
