import {describe, expect, it} from 'vitest';

import {loadPredefinedBaseline} from '../../../src/baseline/load.js';
import {evaluateBaseline} from '../../../src/engine/evaluate.js';
import {ManagerUnavailableError} from '../../../src/errors.js';
import {InventorySchema} from '../../../src/inventory/schema.js';
import type {CollectedNode} from '../../../src/managers/adapter.js';
import {scriptArgv} from '../../../src/managers/windows/argv.js';
import {createWindowsAdapter} from '../../../src/managers/windows/index.js';
import {memoryNodeFiles} from '../../helpers/node-files.js';
import {FakeRunner} from '../../helpers/fake-runner.js';
import {context, ENV, output, recordingLogger, serverNode} from './support.js';

const ARGV = scriptArgv(ENV);
const adapter = createWindowsAdapter();
const stdinOf = (runner: FakeRunner): (string | undefined)[] => runner.calls.map((c) => c.options?.input);

function stamped(collected: CollectedNode) {
  return InventorySchema.parse({...collected, collectedAt: '2026-01-25T00:00:00Z'});
}

async function collect(scanFile: string) {
  const runner = new FakeRunner().on(ARGV, {stdout: output(scanFile)});
  const log = recordingLogger();
  const collected = await adapter.collect(context(runner, {log}), serverNode(), {refresh: false});
  return {runner, log, inventory: stamped(collected)};
}

describe('identify and available', () => {
  it('identify: Win32_OperatingSystem and MachineGuid → the node identity, product from the build', async () => {
    const runner = new FakeRunner().on(ARGV, {stdout: output('identify-server-2022.json')});
    expect(await adapter.identify?.(context(runner))).toEqual({
      os: {id: 'windows', versionId: '10.0.20348', name: 'Microsoft Windows Server 2022 Datacenter'},
      operatingSystem: 'WINDOWS',
      product: 'WindowsServer2022',
      machineId: '4c4c4544-0043-3510-8052-b2c04f4e4b32',
    });
    expect(stdinOf(runner)).toEqual(['{"mode":"identify"}']);
  });

  it('identify refuses a client edition: it has no AWS PRODUCT', async () => {
    const runner = new FakeRunner().on(ARGV, {stdout: output('identify-windows-11.json')});
    const error = await adapter.identify?.(context(runner)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ManagerUnavailableError);
    expect((error as ManagerUnavailableError).line()).toBe(
      'windows: Microsoft Windows 11 Pro (10.0.26100) is a Windows client edition, which has no AWS Patch Manager PRODUCT (WindowsServer2008 … WindowsServer2025)',
    );
  });

  it('available: powershell.exe exists at its absolute path; nothing is started', async () => {
    const runner = new FakeRunner();
    expect(await adapter.available(context(runner))).toBe(true);
    expect(await adapter.available(context(runner, {files: memoryNodeFiles({})}))).toBe(false);
    expect(await adapter.available(context(runner, {env: {SystemRoot: 'D:\\Windows'}}))).toBe(false);
    expect(runner.calls).toEqual([]);
  });
});

describe('collect', () => {
  it('one scan; KB packages the inventory schema accepts; the reboot WUA says is pending', async () => {
    const {runner, inventory, log} = await collect('scan-server-2022.json');
    expect(stdinOf(runner)).toEqual(['{"mode":"scan"}']);
    expect(inventory.node).toEqual({...serverNode(), rebootPending: true, updateSource: {kind: 'microsoft-update'}});
    expect(inventory.packages.map((p) => [p.name, p.installedVersion === null ? 'needed' : 'installed'])).toEqual([
      ['KB5049983', 'needed'],
      ['KB5050187', 'needed'],
      ['KB890830', 'needed'],
      ['KB2267602', 'needed'],
      ['KB5002700', 'needed'],
      ['KB5048654', 'installed'],
      ['KB5050112', 'installed'],
      ['KB5012170', 'installed'],
    ]);
    // The driver has no KB: left out, said in the debug log.
    expect(log.debugLines).toContain(
      'left out: update d1e2f3a4-b5c6-4d7e-8f9a-0b1c2d3e4f5a revision 1 has no KB number (Intel - System - 10.1.18807.8279); baselines name updates by KB',
    );
    const cu = inventory.packages[0];
    expect(cu).toEqual({
      name: 'KB5049983',
      arch: 'amd64',
      installedVersion: null,
      versions: [
        {
          version: '3f1c8a4e-5b2d-4e6f-9a7b-1c2d3e4f5a6b.200',
          advisories: [],
          rebootSuggested: true,
          windows: {
            kbId: 'KB5049983',
            title: '2026-01 Cumulative Update for Microsoft server operating system version 21H2 for x64-based Systems (KB5049983)',
            classification: 'SecurityUpdates',
            msrcSeverity: 'Critical',
            products: ['WindowsServer2022'],
            productFamily: 'Windows',
            patchSet: 'OS',
            releaseDate: '2026-01-13T00:00:00Z',
          },
        },
      ],
    });
    const office = inventory.packages.find((p) => p.name === 'KB5002700')?.versions[0]?.windows;
    expect(office).toMatchObject({products: ['Office 2016'], productFamily: 'Office', patchSet: 'APPLICATION'});
    const msrt = inventory.packages.find((p) => p.name === 'KB890830')?.versions[0]?.windows;
    expect(msrt).toMatchObject({classification: 'Updates'});
    expect(msrt).not.toHaveProperty('msrcSeverity');
    expect(inventory.packages.find((p) => p.name === 'KB5050112')).toMatchObject({installedVersion: '1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9.200', pendingReboot: true});
  });

  it('the engine decides it as the spec says (AWS-DefaultPatchBaseline, 12 days after the CU)', async () => {
    const {inventory} = await collect('scan-server-2022.json');
    const {baseline} = loadPredefinedBaseline('AWS-DefaultPatchBaseline');
    const evaluation = evaluateBaseline(inventory, baseline, {now: new Date('2026-01-25T00:00:00Z'), operation: 'Install'});
    const byName = new Map(evaluation.decisions.map((d) => [d.name, d]));
    // Security, Critical, released 2026-01-13: approved after 7 days (R1), installed at its revision.
    expect(byName.get('KB5049983')).toMatchObject({action: 'install', targetVersion: '3f1c8a4e-5b2d-4e6f-9a7b-1c2d3e4f5a6b.200', state: 'MISSING'});
    expect(byName.get('KB5049983')?.reason.code).toBe('approval-rule');
    // Security, Important, released 4 days ago: pending; an unapproved security update (§6.4).
    expect(byName.get('KB5050187')).toMatchObject({action: 'skip', state: 'AVAILABLE_SECURITY_UPDATE'});
    expect(byName.get('KB5050187')?.reason.code).toBe('approval-pending');
    // Office is PATCH_SET APPLICATION: R1 (PATCH_SET OS) does not take it, and it is a security update.
    expect(byName.get('KB5002700')).toMatchObject({action: 'skip', state: 'AVAILABLE_SECURITY_UPDATE'});
    // The installed SSU waits for a reboot.
    expect(evaluation.compliance.counts.INSTALLED_PENDING_REBOOT).toBe(1);
    expect(evaluation.compliance.status).toBe('NON_COMPLIANT');
    expect(evaluation.decisions.filter((d) => d.action === 'install').map((d) => d.name)).toEqual(['KB5049983']);
  });

  it('no needed updates: only installed KBs, each at its revision, nothing to install', async () => {
    const {inventory} = await collect('scan-no-updates.json');
    expect(inventory.packages.every((p) => p.installedVersion !== null && p.versions[0]?.version === p.installedVersion)).toBe(true);
    const {baseline} = loadPredefinedBaseline('AWS-DefaultPatchBaseline');
    const evaluation = evaluateBaseline(inventory, baseline, {now: new Date('2026-01-25T00:00:00Z'), operation: 'Install'});
    expect(evaluation.decisions.filter((d) => d.action === 'install')).toEqual([]);
    expect(evaluation.compliance.status).toBe('COMPLIANT');
  });

  it('localized titles stay verbatim; the classification comes from the category GUID, not its name', async () => {
    const {inventory} = await collect('scan-localized.json');
    expect(inventory.packages.map((p) => [p.versions[0]?.windows?.title, p.versions[0]?.windows?.classification])).toEqual([
      ['2026-01 Kumulatives Update für Microsoft Server Operating System, Version 21H2 für x64-basierte Systeme (KB5049983)', 'SecurityUpdates'],
      ['Aktualizacja zabezpieczeń dla systemu Microsoft Server operating system-21H2 (KB5012170) — ąęłńóśźż', 'SecurityUpdates'],
    ]);
  });

  it('a WSUS server set by Group Policy is said, and recorded in the node info: it decides what is offered', async () => {
    const {log, inventory} = await collect('scan-wsus.json');
    expect(inventory.node.updateSource).toEqual({kind: 'wsus', server: 'https://wsus.example.corp:8531'});
    expect(log.progressLines).toContain(
      'Windows Update uses the WSUS server https://wsus.example.corp:8531 (Group Policy UseWUServer=1): only updates it approved are offered',
    );
    const {log: direct, inventory: directInventory} = await collect('scan-server-2022.json');
    expect(direct.progressLines.some((l) => l.includes('WSUS'))).toBe(false);
    expect(directInventory.node.updateSource).toEqual({kind: 'microsoft-update'});
  });

  it('a failing scan is one line', async () => {
    const runner = new FakeRunner().on(ARGV, {exitCode: 1, stdout: output('error-no-connection.json')});
    const error = await adapter.collect(context(runner), serverNode(), {refresh: true}).catch((e: unknown) => e);
    expect((error as ManagerUnavailableError).line()).toBe(
      'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe (patchplan script, mode scan): exited 1: Exception from HRESULT: 0x8024402C (HRESULT 0x8024402C)',
    );
  });
});

const CU = {name: 'KB5049983', arch: 'amd64', version: '3f1c8a4e-5b2d-4e6f-9a7b-1c2d3e4f5a6b.200'};
const NET = {name: 'KB5050187', arch: 'amd64', version: '7a2b3c4d-1e2f-4a5b-8c6d-9e0f1a2b3c4d.201'};

describe('install', () => {
  it('installArgv: the one script argv; the update ids travel on stdin', async () => {
    expect(await adapter.installArgv([CU, NET], context(new FakeRunner()))).toEqual([ARGV]);
    expect(await adapter.installArgv([], context(new FakeRunner()))).toEqual([]);
    await expect(adapter.installArgv([{...CU, version: '1'}], context(new FakeRunner()))).rejects.toThrow('is not a Windows update revision');
  });

  it('runs the install mode with exactly the planned revisions, as the installer, and reports each KB in one line', async () => {
    const runner = new FakeRunner().on(ARGV, {stdout: output('install-succeeded.json')});
    const run = await adapter.install([CU], context(runner));
    expect(stdinOf(runner)).toEqual(['{"mode":"install","updates":[{"updateId":"3f1c8a4e-5b2d-4e6f-9a7b-1c2d3e4f5a6b","revision":200}]}']);
    expect(runner.calls[0]?.options?.ownProcessGroup).toBe(true);
    expect(run.commands).toHaveLength(1);
    expect(run.commands[0]?.argv).toEqual(ARGV);
    expect(run.commands[0]?.result.stdout).toBe(
      'KB5049983 (update 3f1c8a4e-5b2d-4e6f-9a7b-1c2d3e4f5a6b revision 200): Succeeded\nWindows Update: a reboot is required to finish the installation\n',
    );
  });

  it('a failed update carries its ResultCode name and HRESULT in hex; one already installed says so', async () => {
    const runner = new FakeRunner().on(ARGV, {stdout: output('install-failed.json')});
    const run = await adapter.install([CU, NET], context(runner));
    expect(stdinOf(runner)).toEqual([
      '{"mode":"install","updates":[{"updateId":"3f1c8a4e-5b2d-4e6f-9a7b-1c2d3e4f5a6b","revision":200},{"updateId":"7a2b3c4d-1e2f-4a5b-8c6d-9e0f1a2b3c4d","revision":201}]}',
    ]);
    expect(run.commands[0]?.result.stdout).toBe(
      'error: KB5049983 (update 3f1c8a4e-5b2d-4e6f-9a7b-1c2d3e4f5a6b revision 200): Failed, HRESULT 0x80240022\n' +
        'KB5050187 (update 7a2b3c4d-1e2f-4a5b-8c6d-9e0f1a2b3c4d revision 201): already installed\n',
    );
  });

  it('a revision WUA no longer offers is named; a script error is an Error line, never a throw after the run', async () => {
    const missing = new FakeRunner().on(ARGV, {stdout: '{"results":[],"rebootRequired":false}'});
    expect((await adapter.install([CU], context(missing))).commands[0]?.result.stdout).toBe(
      'error: KB5049983 (update 3f1c8a4e-5b2d-4e6f-9a7b-1c2d3e4f5a6b revision 200): not found by Windows Update (no longer offered, superseded or hidden)\n',
    );
    const failing = new FakeRunner().on(ARGV, {exitCode: 1, stdout: output('error-no-connection.json')});
    const result = (await adapter.install([CU], context(failing))).commands[0]?.result;
    expect(result?.exitCode).toBe(1);
    expect(result?.stderr).toBe(
      'Error: C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe (patchplan script, mode install): exited 1: Exception from HRESULT: 0x8024402C (HRESULT 0x8024402C)\n',
    );
  });

  it('starts nothing once stop was asked, and nothing for an empty plan', async () => {
    const runner = new FakeRunner();
    const stop = new AbortController();
    stop.abort();
    expect(await adapter.install([CU], context(runner, {interrupts: {stop: stop.signal, abort: new AbortController().signal}}))).toEqual({commands: []});
    expect(await adapter.install([], context(runner))).toEqual({commands: []});
    expect(runner.calls).toEqual([]);
  });
});

describe('readInstalled and rebootRequired', () => {
  it('readInstalled: the installed KBs from a scan, by the rule collect uses', async () => {
    const runner = new FakeRunner().on(ARGV, {stdout: output('scan-server-2022-after.json')});
    const installed = await adapter.readInstalled(context(runner));
    expect(stdinOf(runner)).toEqual(['{"mode":"scan"}']);
    expect(installed).toEqual([
      {name: 'KB5012170', arch: 'amd64', installedVersion: '2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e.200'},
      {name: 'KB5048654', arch: 'amd64', installedVersion: '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d.200'},
      {name: 'KB5049983', arch: 'amd64', installedVersion: '3f1c8a4e-5b2d-4e6f-9a7b-1c2d3e4f5a6b.200'},
      {name: 'KB5050112', arch: 'amd64', installedVersion: '1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9.200'},
    ]);
  });

  it('rebootRequired: Microsoft.Update.SystemInfo through the script', async () => {
    const yes = new FakeRunner().on(ARGV, {stdout: output('reboot-required.json')});
    expect(await adapter.rebootRequired(context(yes))).toBe(true);
    expect(stdinOf(yes)).toEqual(['{"mode":"rebootRequired"}']);
    const no = new FakeRunner().on(ARGV, {stdout: output('reboot-not-required.json')});
    expect(await adapter.rebootRequired(context(no))).toBe(false);
  });
});
