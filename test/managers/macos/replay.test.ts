import {readFileSync} from 'node:fs';
import path from 'node:path';

import {afterEach, describe, expect, it} from 'vitest';

import {findPredefinedBaseline} from '../../../src/baseline/predefined/index.js';
import {normalizeBaseline} from '../../../src/baseline/normalize.js';
import {evaluateBaseline} from '../../../src/engine/evaluate.js';
import {InventorySchema} from '../../../src/inventory/schema.js';
import {createMacosAdapter} from '../../../src/managers/macos/index.js';
import {boundedNodeFiles} from '../../../src/system/node-files.js';
import {replayNodeFiles, replayRunner} from '../../../src/system/replay.js';
import {copyScenario, macContext, recordingLogger, removeCopies, replayEntries, SONOMA_NODE} from './support.js';

afterEach(removeCopies);

/**
 * The replay scenario (fixtures/macos/replay/sonoma-arm64) driven through the adapter:
 * identify → collect → install → readInstalled must run exactly commands.json (but the reboot),
 * in order, and what they read must make the engine decide as the spec says.
 */
describe('replay: Sonoma 14.6 on arm64, as root, Homebrew owned by dev', () => {
  it('runs exactly the recorded commands and reads back the new versions', async () => {
    // system/replay.ts on a copy: the install's `writes` replace InstallHistory.plist in it.
    const dir = copyScenario();
    const log = recordingLogger();
    const ctx = macContext(replayRunner(dir), {}, {log, files: replayNodeFiles(dir, boundedNodeFiles(1 << 24))});
    const adapter = createMacosAdapter();

    expect(await adapter.available(ctx)).toBe(true);
    expect(await adapter.identify!(ctx)).toEqual({
      os: {id: 'macos', versionId: '14.6', name: 'macOS Sonoma'},
      operatingSystem: 'MACOS',
      product: 'macOS14',
      machineId: '4A3B2C1D-0E9F-4A8B-9C7D-6E5F4A3B2C1D',
    });

    const collected = await adapter.collect(ctx, SONOMA_NODE, {refresh: false});
    const inventory = InventorySchema.parse({...collected, collectedAt: '2024-08-20T10:00:00Z'});
    expect(inventory.node.rebootPending).toBe(false);
    expect(await adapter.rebootRequired(ctx)).toBe(false);
    expect(inventory.packages.map((p) => [p.name, p.installedVersion, p.versions.map((v) => `${v.version}/${v.source}${v.security ? '/security' : ''}${v.rebootSuggested ? '/restart' : ''}`)])).toEqual([
      ['Command Line Tools for Xcode', '15.3', []],
      ['Safari', '17.5', ['17.6/softwareupdate']],
      ['XProtectPlistConfigData', '2192', ['2193/softwareupdate/security']],
      ['Zoom', '6.1.6.37851', []],
      ['git', '2.45.2', ['2.46.0/brew']],
      ['google-chrome', '127.0.6533.100', []],
      ['keepassxc', '2.7.8', ['2.7.9/brew-cask']],
      ['macOS Sequoia', null, ['15.0.1/softwareupdate/restart']],
      ['macOS Sonoma', '14.6', ['14.6.1/softwareupdate/restart']],
      ['node', '22.5.1', []],
      ['openssl@3', '3.3.1', []],
    ]);
    expect(log.progressLines).toContain('warning: node is pinned in Homebrew (brew upgrade leaves it); its 22.6.0 is not offered');

    // AWS-MacOSDefaultPatchBaseline (DECISION-20): every available update of an installed package.
    const baseline = normalizeBaseline(findPredefinedBaseline('AWS-MacOSDefaultPatchBaseline')!.document);
    const evaluation = evaluateBaseline(inventory, baseline, {now: new Date('2024-08-20T10:00:00Z'), operation: 'Install'});
    const installs = evaluation.decisions.filter((d) => d.action === 'install').map((d) => ({name: d.name, arch: d.arch, version: d.targetVersion!}));
    expect(installs.map((i) => `${i.name} ${i.version}`).sort()).toEqual(['Safari 17.6', 'XProtectPlistConfigData 2193', 'git 2.46.0', 'keepassxc 2.7.9', 'macOS Sonoma 14.6.1']);
    // The next release line is not installed, so it is never planned (NOT_APPLICABLE, counted only).
    expect(evaluation.decisions.some((d) => d.name === 'macOS Sequoia')).toBe(false);

    // The plan's items in name order (as apply hands them over); the argv keeps the tools' list
    // order whatever the items' order. installArgv runs its reads on a copy of its own, so this
    // node's calls are apply's: identify, collect, install, read-back.
    const items = [...installs].sort((a, b) => (a.name < b.name ? -1 : 1));
    const otherCopy = copyScenario();
    const argvs = await adapter.installArgv(items, {...ctx, runner: replayRunner(otherCopy), files: replayNodeFiles(otherCopy, boundedNodeFiles(1 << 24))});
    expect(await adapter.installArgv([...items].reverse(), {...ctx, runner: replayRunner(otherCopy), files: replayNodeFiles(otherCopy, boundedNodeFiles(1 << 24))})).toEqual(argvs);
    const recordedInstalls = replayEntries().filter((e) => e.argv.includes('upgrade') || e.argv.includes('--install'));
    expect(argvs.map((a) => [a.file, ...a.args])).toEqual(recordedInstalls.map((e) => e.argv));
    const run = await adapter.install(items, ctx);
    expect(run.commands.map((c) => c.argv)).toEqual(argvs);

    // softwareupdate wrote its history; SystemVersion.plist stays 14.6 until the restart, and
    // the OS reads back at the 14.6.1 it installed (as collect would report it), pending the restart.
    expect(await adapter.rebootRequired(ctx)).toBe(true);
    const readBack = await adapter.readInstalled(ctx);
    expect(readBack.map((p) => `${p.name} ${p.installedVersion}`)).toEqual([
      'macOS Sonoma 14.6.1',
      'Command Line Tools for Xcode 15.3',
      'Safari 17.6',
      'XProtectPlistConfigData 2193',
      'Zoom 6.1.6.37851',
      'git 2.46.0',
      'node 22.5.1',
      'openssl@3 3.3.1',
      'google-chrome 127.0.6533.100',
      'keepassxc 2.7.9',
    ]);
    // Every recording used, each once, in the recorded order (rebootRequired runs nothing), but
    // the reboot, which is apply's (test/commands/macos-replay.test.ts).
    const calls = readFileSync(path.join(dir, 'calls.jsonl'), 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as {argv: string[]}).argv);
    expect(calls).toEqual(replayEntries().map((e) => e.argv).filter((a) => a[0] !== '/sbin/shutdown'));
  });
});
