import path from 'node:path';

import type {RebootOption} from '../engine/engine-io.js';
import {ExternalCommandError} from '../errors.js';
import type {ManagerId} from '../core/ids.js';
import {describeArgv, type Argv, type CommandRunner} from '../system/runner.js';
import type {RebootReason} from './results.js';

/**
 * The reboot step (spec §6.1 step 9) as a pure decision, and the one command that carries it
 * out. The command only ever runs through the runner it is given, so a test that injects its
 * own runner cannot reboot the machine it runs on.
 */

export interface RebootFacts {
  readonly option: RebootOption;
  /** The root that was patched (absolute). Only `/` is the running system. */
  readonly root: string;
  /** This run changed at least one planned package's installed version (read back, not the installer's word). */
  readonly installedAny: boolean;
  /**
   * Before this run, the node was waiting for a reboot after an earlier install (inventory
   * `packages[].pendingReboot`, AWS's INSTALLED_PENDING_REBOOT, or the OS's flag
   * `node.rebootPending`; services/apply-plan.ts says why both).
   */
  readonly pendingFromEarlier: boolean;
  /** The OS says a reboot is required, asked after the install (adapter.rebootRequired). */
  readonly required: boolean;
}

export interface RebootDecision {
  readonly reboot: boolean;
  readonly reason: RebootReason;
}

/**
 * - NoReboot: never.
 * - RebootIfNeeded (AWS): reboot when this run installed something, or when packages are
 *   still pending a reboot from an earlier NoReboot install. Like AWS, it does not ask whether
 *   the OS needs one (spec §6.1 step 9), and a run where some packages failed still reboots
 *   if others changed.
 * - RebootIfRequired (extension): reboot exactly when the OS says a reboot is required.
 * Whatever the option, a root other than `/` is never rebooted: it is an image or chroot, and
 * a reboot would restart the host instead.
 */
export function decideReboot(facts: RebootFacts): RebootDecision {
  const wanted = policy(facts);
  if (wanted.reboot && !isRunningSystem(facts.root)) return {reboot: false, reason: 'alternate-root'};
  return wanted;
}

function policy(facts: RebootFacts): RebootDecision {
  switch (facts.option) {
    case 'NoReboot':
      return {reboot: false, reason: 'no-reboot-option'};
    case 'RebootIfNeeded':
      if (facts.installedAny) return {reboot: true, reason: 'installed-this-run'};
      if (facts.pendingFromEarlier) return {reboot: true, reason: 'pending-from-earlier-install'};
      return {reboot: false, reason: 'nothing-installed'};
    case 'RebootIfRequired':
      return facts.required ? {reboot: true, reason: 'required-by-os'} : {reboot: false, reason: 'not-required-by-os'};
  }
}

export function isRunningSystem(root: string): boolean {
  return path.resolve(root) === '/';
}

/**
 * The reboot command for this node, as argv with an absolute path (never a PATH lookup, never
 * a shell), or null when none exists:
 * - Linux: `systemctl reboot` (systemd's orderly reboot; `/usr/bin` first, then `/bin` for
 *   systems without the merged /usr), else `shutdown -r now` for init systems without systemd;
 * - macOS: `/sbin/shutdown -r now`;
 * - Windows: `shutdown.exe /r /t 0` from System32.
 * Every call returns fresh arrays, so no caller can alter another's argv.
 */
export async function resolveRebootArgv(
  manager: ManagerId,
  exists: (file: string) => Promise<boolean>,
  env: Readonly<Record<string, string | undefined>> = {},
): Promise<Argv | null> {
  for (const candidate of rebootCandidates(manager, env)) {
    if (await exists(candidate.file)) return candidate;
  }
  return null;
}

function rebootCandidates(manager: ManagerId, env: Readonly<Record<string, string | undefined>>): Argv[] {
  switch (manager) {
    case 'windows': {
      const systemRoot = env.SystemRoot ?? env.SYSTEMROOT ?? 'C:\\Windows';
      return [{file: `${systemRoot}\\System32\\shutdown.exe`, args: ['/r', '/t', '0']}];
    }
    case 'macos':
      return [{file: '/sbin/shutdown', args: ['-r', 'now']}];
    case 'apt':
    case 'dnf':
    case 'yum':
    case 'zypper':
      return [
        {file: '/usr/bin/systemctl', args: ['reboot']},
        {file: '/bin/systemctl', args: ['reboot']},
        {file: '/usr/sbin/shutdown', args: ['-r', 'now']},
        {file: '/sbin/shutdown', args: ['-r', 'now']},
      ];
  }
}

/** Starts a reboot the caller has already decided on. */
export interface Rebooter {
  readonly argv: Argv;
  reboot(): Promise<void>;
}

const REBOOT_TIMEOUT_MS = 60_000;

export function createRebooter(argv: Argv, runner: CommandRunner): Rebooter {
  return {
    argv,
    async reboot() {
      const result = await runner.run(argv, {timeoutMs: REBOOT_TIMEOUT_MS});
      if (result.exitCode !== 0) {
        const said = `${result.stderr}\n${result.stdout}`.split('\n').map((l) => l.trim()).find((l) => l !== '');
        throw new ExternalCommandError(
          describeArgv(argv),
          `the reboot failed (exit ${result.exitCode}${said ? `: ${said}` : ''}); the packages were installed as reported, reboot the node yourself`,
        );
      }
    },
  };
}
