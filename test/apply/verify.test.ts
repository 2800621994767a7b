import {describe, expect, it} from 'vitest';

import {changedAnyPackage, pendingInstalls, verifyResults} from '../../src/apply/verify.js';
import type {InstallRun} from '../../src/inventory/adapters/adapter.js';
import type {Inventory} from '../../src/inventory/schema.js';
import {aPlan, anInventory} from '../helpers/plan-builders.js';

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
        message: expect.stringMatching(/^not installed: the plan skips it \(not-security-repo: 2025b-0\+deb12u1 is only in oldstable-updates/),
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

describe('changedAnyPackage', () => {
  it('is true when any planned package changed version, false when none did', () => {
    expect(changedAnyPackage(plan.decisions, nodeWith({}), nodeWith({openssl: NEW}))).toBe(true);
    expect(changedAnyPackage(plan.decisions, nodeWith({}), nodeWith({}))).toBe(false);
  });

  it('ignores skipped packages that changed behind our back', () => {
    expect(changedAnyPackage(plan.decisions, nodeWith({}), nodeWith({tzdata: '2025b-0+deb12u1'}))).toBe(false);
  });
});
