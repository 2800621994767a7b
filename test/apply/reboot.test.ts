import {describe, expect, it} from 'vitest';

import {createRebooter, decideReboot, isRunningSystem, resolveRebootArgv} from '../../src/apply/reboot.js';
import type {RebootReason} from '../../src/apply/results.js';
import type {RebootOption} from '../../src/engine/engine-io.js';
import {ExternalCommandError} from '../../src/errors.js';
import {RecordingRunner} from './fake-node.js';

type Row = [option: RebootOption, root: string, installedAny: boolean, pendingFromEarlier: boolean, required: boolean, reboot: boolean, reason: RebootReason];

/**
 * Every option × installed-any × pending-from-earlier × OS-required × root. Written out, not
 * computed, so the table is the specification (docs/apply.md "Reboot").
 */
const TABLE: Row[] = [
  ['NoReboot', '/', false, false, false, false, 'no-reboot-option'],
  ['NoReboot', '/', false, false, true,  false, 'no-reboot-option'],
  ['NoReboot', '/', false, true,  false, false, 'no-reboot-option'],
  ['NoReboot', '/', false, true,  true,  false, 'no-reboot-option'],
  ['NoReboot', '/', true,  false, false, false, 'no-reboot-option'],
  ['NoReboot', '/', true,  false, true,  false, 'no-reboot-option'],
  ['NoReboot', '/', true,  true,  false, false, 'no-reboot-option'],
  ['NoReboot', '/', true,  true,  true,  false, 'no-reboot-option'],
  ['NoReboot', '/srv/image', false, false, false, false, 'no-reboot-option'],
  ['NoReboot', '/srv/image', false, false, true,  false, 'no-reboot-option'],
  ['NoReboot', '/srv/image', false, true,  false, false, 'no-reboot-option'],
  ['NoReboot', '/srv/image', false, true,  true,  false, 'no-reboot-option'],
  ['NoReboot', '/srv/image', true,  false, false, false, 'no-reboot-option'],
  ['NoReboot', '/srv/image', true,  false, true,  false, 'no-reboot-option'],
  ['NoReboot', '/srv/image', true,  true,  false, false, 'no-reboot-option'],
  ['NoReboot', '/srv/image', true,  true,  true,  false, 'no-reboot-option'],
  ['RebootIfNeeded', '/', false, false, false, false, 'nothing-installed'],
  ['RebootIfNeeded', '/', false, false, true,  false, 'nothing-installed'],
  ['RebootIfNeeded', '/', false, true,  false, true,  'pending-from-earlier-install'],
  ['RebootIfNeeded', '/', false, true,  true,  true,  'pending-from-earlier-install'],
  ['RebootIfNeeded', '/', true,  false, false, true,  'installed-this-run'],
  ['RebootIfNeeded', '/', true,  false, true,  true,  'installed-this-run'],
  ['RebootIfNeeded', '/', true,  true,  false, true,  'installed-this-run'],
  ['RebootIfNeeded', '/', true,  true,  true,  true,  'installed-this-run'],
  ['RebootIfNeeded', '/srv/image', false, false, false, false, 'nothing-installed'],
  ['RebootIfNeeded', '/srv/image', false, false, true,  false, 'nothing-installed'],
  ['RebootIfNeeded', '/srv/image', false, true,  false, false, 'alternate-root'],
  ['RebootIfNeeded', '/srv/image', false, true,  true,  false, 'alternate-root'],
  ['RebootIfNeeded', '/srv/image', true,  false, false, false, 'alternate-root'],
  ['RebootIfNeeded', '/srv/image', true,  false, true,  false, 'alternate-root'],
  ['RebootIfNeeded', '/srv/image', true,  true,  false, false, 'alternate-root'],
  ['RebootIfNeeded', '/srv/image', true,  true,  true,  false, 'alternate-root'],
  ['RebootIfRequired', '/', false, false, false, false, 'not-required-by-os'],
  ['RebootIfRequired', '/', false, false, true,  true,  'required-by-os'],
  ['RebootIfRequired', '/', false, true,  false, false, 'not-required-by-os'],
  ['RebootIfRequired', '/', false, true,  true,  true,  'required-by-os'],
  ['RebootIfRequired', '/', true,  false, false, false, 'not-required-by-os'],
  ['RebootIfRequired', '/', true,  false, true,  true,  'required-by-os'],
  ['RebootIfRequired', '/', true,  true,  false, false, 'not-required-by-os'],
  ['RebootIfRequired', '/', true,  true,  true,  true,  'required-by-os'],
  ['RebootIfRequired', '/srv/image', false, false, false, false, 'not-required-by-os'],
  ['RebootIfRequired', '/srv/image', false, false, true,  false, 'alternate-root'],
  ['RebootIfRequired', '/srv/image', false, true,  false, false, 'not-required-by-os'],
  ['RebootIfRequired', '/srv/image', false, true,  true,  false, 'alternate-root'],
  ['RebootIfRequired', '/srv/image', true,  false, false, false, 'not-required-by-os'],
  ['RebootIfRequired', '/srv/image', true,  false, true,  false, 'alternate-root'],
  ['RebootIfRequired', '/srv/image', true,  true,  false, false, 'not-required-by-os'],
  ['RebootIfRequired', '/srv/image', true,  true,  true,  false, 'alternate-root'],
];

describe('decideReboot', () => {
  it.each(TABLE)('%s root=%s installed=%s pending=%s required=%s → reboot=%s (%s)', (option, root, installedAny, pendingFromEarlier, required, reboot, reason) => {
    expect(decideReboot({option, root, installedAny, pendingFromEarlier, required})).toEqual({reboot, reason});
  });

  it('treats any spelling of / as the running system, and anything else as an image', () => {
    expect(isRunningSystem('/')).toBe(true);
    expect(isRunningSystem('//')).toBe(true);
    expect(isRunningSystem('/srv/..')).toBe(true);
    expect(isRunningSystem('/mnt/image')).toBe(false);
  });
});

describe('resolveRebootArgv', () => {
  const only = (...present: string[]) => async (file: string) => present.includes(file);

  it('Linux: systemctl reboot from /usr/bin, else /bin, else shutdown -r now', async () => {
    expect(await resolveRebootArgv('apt', only('/usr/bin/systemctl', '/bin/systemctl'))).toEqual({file: '/usr/bin/systemctl', args: ['reboot']});
    expect(await resolveRebootArgv('dnf', only('/bin/systemctl'))).toEqual({file: '/bin/systemctl', args: ['reboot']});
    expect(await resolveRebootArgv('zypper', only('/sbin/shutdown'))).toEqual({file: '/sbin/shutdown', args: ['-r', 'now']});
    expect(await resolveRebootArgv('yum', only('/usr/sbin/shutdown', '/sbin/shutdown'))).toEqual({file: '/usr/sbin/shutdown', args: ['-r', 'now']});
  });

  it('macOS and Windows have their own commands', async () => {
    expect(await resolveRebootArgv('macos', only('/sbin/shutdown'))).toEqual({file: '/sbin/shutdown', args: ['-r', 'now']});
    expect(await resolveRebootArgv('windows', only('D:\\Win\\System32\\shutdown.exe'), {SystemRoot: 'D:\\Win'})).toEqual({
      file: 'D:\\Win\\System32\\shutdown.exe',
      args: ['/r', '/t', '0'],
    });
  });

  it('is null when no reboot command exists (a container without systemd or shutdown)', async () => {
    expect(await resolveRebootArgv('apt', only())).toBeNull();
  });

  it('returns fresh arrays, so one caller cannot change another\'s argv', async () => {
    const first = await resolveRebootArgv('apt', only('/usr/bin/systemctl'));
    (first?.args as string[]).push('--force');
    expect(await resolveRebootArgv('apt', only('/usr/bin/systemctl'))).toEqual({file: '/usr/bin/systemctl', args: ['reboot']});
  });
});

describe('createRebooter', () => {
  it('runs exactly the argv through the runner it was given, once', async () => {
    const runner = new RecordingRunner();
    await createRebooter({file: '/usr/bin/systemctl', args: ['reboot']}, runner).reboot();
    expect(runner.calls.map((c) => c.argv)).toEqual([{file: '/usr/bin/systemctl', args: ['reboot']}]);
  });

  it('a failed reboot command is an error that says the packages are installed', async () => {
    const runner = new RecordingRunner(() => ({exitCode: 1, stdout: '', stderr: 'System has not been booted with systemd as init system (PID 1). Can\'t operate.\n'}));
    const error = await createRebooter({file: '/usr/bin/systemctl', args: ['reboot']}, runner).reboot().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExternalCommandError);
    expect((error as ExternalCommandError).line()).toBe(
      "/usr/bin/systemctl reboot: the reboot failed (exit 1: System has not been booted with systemd as init system (PID 1). Can't operate.); the packages were installed as reported, reboot the node yourself",
    );
  });
});
