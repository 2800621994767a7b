import {describe, expect, it} from 'vitest';

import {runWhileLocked, type LockClock} from '../../src/managers/lock-retry.js';
import type {RunResult} from '../../src/system/runner.js';

const LOCKED: RunResult = {exitCode: 7, stdout: '', stderr: 'locked'};
const OK: RunResult = {exitCode: 0, stdout: 'done', stderr: ''};

function fakeClock(): LockClock & {slept: number[]} {
  let now = 0;
  const slept: number[] = [];
  return {
    slept,
    monotonicMs: () => now,
    sleep: async (ms) => {
      slept.push(ms);
      now += ms;
    },
  };
}

const held = (r: RunResult) => (r.exitCode === 7 ? {where: '/run/zypp.pid', holder: 'locked by process 42 (zypper)', waiting: 'waiting for 42'} : null);

describe('runWhileLocked', () => {
  it('returns the first result that is not a lock failure, backing off 250 ms, doubling, at most 5 s', async () => {
    const clock = fakeClock();
    const results = [LOCKED, LOCKED, LOCKED, LOCKED, LOCKED, LOCKED, LOCKED, OK];
    const progress: string[] = [];
    const result = await runWhileLocked({lockTimeoutMs: 60_000, log: {progress: (m) => progress.push(m), debug: () => {}}}, clock, async () => results.shift() ?? OK, held);
    expect(result).toBe(OK);
    expect(clock.slept).toEqual([250, 500, 1000, 2000, 4000, 5000, 5000]);
    expect(progress).toEqual(Array(7).fill('waiting for 42'));
  });

  it('gives up with exit 5 naming the lock and its holder once the next wait would pass the timeout', async () => {
    const clock = fakeClock();
    const error = await runWhileLocked({lockTimeoutMs: 2_000, log: {progress: () => {}, debug: () => {}}}, clock, async () => LOCKED, held).catch((e: unknown) => e);
    expect(error).toMatchObject({exitCode: 5, where: '/run/zypp.pid', message: 'locked by process 42 (zypper); gave up after waiting 2 s (lock timeout 2 s)'});
    expect(clock.slept).toEqual([250, 500, 1000]);
  });

  it('lets the tool-specific check refuse at once (a lock no wait can cure)', async () => {
    const clock = fakeClock();
    const denied = new Error('permission denied');
    await expect(
      runWhileLocked({lockTimeoutMs: 60_000, log: {progress: () => {}, debug: () => {}}}, clock, async () => LOCKED, () => {
        throw denied;
      }),
    ).rejects.toBe(denied);
    expect(clock.slept).toEqual([]);
  });
});
