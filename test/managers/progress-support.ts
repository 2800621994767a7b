import {existsSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

import {z} from 'zod';

import type {PlannedInstall} from '../../src/core/install.js';
import type {Logger} from '../../src/core/logger.js';
import {parseStatusFdLine} from '../../src/managers/apt/parse-status-fd.js';
import {parseDnfProgressLine} from '../../src/managers/dnf/parse-dnf-progress.js';
import {createInstallTracker} from '../../src/managers/install-progress.js';
import {type InstallProgressEvent} from '../../src/core/install.js';
import {rpmObservation, type RpmProgressLine} from '../../src/managers/rpm-common/progress.js';
import {parseZypperProgressLine} from '../../src/managers/zypper/parse-zypper-progress.js';
import type {FakeRunner} from '../helpers/fake-runner.js';

/**
 * The captures of fixtures/capture-install-progress.mjs (fixtures/{apt,dnf,zypper}/progress/):
 * each scenario directory holds the planned items, every command the adapter ran with its exit
 * code, and the installer's output (`*.status` is apt's fd 3).
 */

export const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures');

/** The lab path the capture used; it appears in the recorded argv and outputs. */
export const PROGRESS_LAB = '/tmp/pp-progress-capture';

export function fixtureText(relative: string): string {
  return readFileSync(path.join(FIXTURES, relative), 'utf8');
}

const ItemsSchema = z.array(z.object({name: z.string(), arch: z.string(), version: z.string()}));

export function plannedItems(dir: string): PlannedInstall[] {
  return ItemsSchema.parse(JSON.parse(fixtureText(`${dir}/items.json`)));
}

const CommandsSchema = z.array(
  z.object({
    argv: z.object({file: z.string(), args: z.array(z.string()), env: z.record(z.string(), z.string())}),
    exitCode: z.number(),
    capture: z.string().nullable(),
    statusFd: z.boolean(),
  }),
);
export type RecordedProgressCommand = z.infer<typeof CommandsSchema>[number];

export function recordedProgressCommands(dir: string): RecordedProgressCommand[] {
  return CommandsSchema.parse(JSON.parse(fixtureText(`${dir}/commands.json`)));
}

function readIfPresent(relative: string): string {
  return existsSync(path.join(FIXTURES, relative)) ? fixtureText(relative) : '';
}

/** Expects every recorded command of a capture on `runner`, answering with what it said (fd 3 too). */
export function replayProgressCapture(runner: FakeRunner, dir: string): FakeRunner {
  for (const command of recordedProgressCommands(dir)) {
    const name = command.capture;
    if (name === null) continue;
    runner.on(command.argv, {
      exitCode: command.exitCode,
      stdout: readIfPresent(`${dir}/${name}.stdout`),
      stderr: readIfPresent(`${dir}/${name}.stderr`),
      status: readIfPresent(`${dir}/${name}.status`),
    });
  }
  return runner;
}

/** A logger that keeps everything, structured events included. */
export function eventLogger(): Required<Logger> & {events: InstallProgressEvent[]; progressLines: string[]; debugLines: string[]} {
  const events: InstallProgressEvent[] = [];
  const progressLines: string[] = [];
  const debugLines: string[] = [];
  return {
    events,
    progressLines,
    debugLines,
    progress: (m) => progressLines.push(m),
    debug: (m) => debugLines.push(m),
    installProgress: (e) => events.push(e),
  };
}

export function expectedEvents(relative: string): InstallProgressEvent[] {
  return JSON.parse(fixtureText(relative)) as InstallProgressEvent[];
}

function lines(text: string): string[] {
  return text.split('\n').filter((line, i, all) => line !== '' || i < all.length - 1);
}

/** apt: every fd-3 line of a capture through parse-status-fd.ts and the tracker. */
export function aptEvents(statusText: string, items: readonly PlannedInstall[]): InstallProgressEvent[] {
  const events: InstallProgressEvent[] = [];
  const tracker = createInstallTracker(items, (e) => events.push(e));
  for (const line of lines(statusText)) {
    const parsed = parseStatusFdLine(line);
    if (parsed?.kind === 'download') tracker.download(parsed.file, parsed.files, parsed.percent);
    else if (parsed?.kind === 'package') tracker.package(parsed.observation);
  }
  return events;
}

function rpmEvents(stdout: string, items: readonly PlannedInstall[], parse: (line: string) => RpmProgressLine | null): InstallProgressEvent[] {
  const events: InstallProgressEvent[] = [];
  const tracker = createInstallTracker(items, (e) => events.push(e));
  for (const line of lines(stdout)) {
    const parsed = parse(line);
    if (parsed !== null) tracker.package(rpmObservation(parsed, items));
  }
  return events;
}

export const dnfEvents = (stdout: string, items: readonly PlannedInstall[]): InstallProgressEvent[] => rpmEvents(stdout, items, parseDnfProgressLine);
export const zypperEvents = (stdout: string, items: readonly PlannedInstall[]): InstallProgressEvent[] => rpmEvents(stdout, items, parseZypperProgressLine);
