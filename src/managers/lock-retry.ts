import {ManagerUnavailableError} from '../errors.js';
import {describeHolder, type LockHolderFound} from '../system/held-locks.js';
import type {RunResult} from '../system/runner.js';
import type {AdapterContext} from './adapter.js';

/**
 * The wait every package manager needs: another process (unattended-upgrades, a cron'd dnf,
 * a second patchplan) holds the manager's lock. Retry with doubling backoff until the
 * context's lock timeout, then give up with exit 5 naming the lock and its holder. Each
 * adapter says how its tool reports a held lock; the waiting is the same for all.
 */

export interface LockClock {
  /** Waits between retries (tests pass a fake that advances `monotonicMs`). */
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Milliseconds from a monotonic clock, for the deadline. */
  readonly monotonicMs: () => number;
}

/** What the tool said about the lock it could not take. */
export interface HeldLock {
  /** The `where` of the exit-5 error: the lock file, or the manager's name for its lock. */
  readonly where: string;
  /** Who holds it and how, for the error: `locked by process 1234 (apt-get)`. */
  readonly holder: string;
  /** The progress line while waiting. */
  readonly waiting: string;
}

const FIRST_BACKOFF_MS = 250;
const MAX_BACKOFF_MS = 5_000;

export function sleepFor(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, {once: true});
  });
}

export const realLockClock: LockClock = {sleep: sleepFor, monotonicMs: () => performance.now()};

/**
 * Runs `attempt` until `heldLock` says the result is not a lock failure; returns that result.
 * `heldLock` may throw for a lock failure no waiting can cure (permission denied).
 */
export async function runWhileLocked<T = RunResult>(
  ctx: Pick<AdapterContext, 'lockTimeoutMs' | 'signal' | 'log'>,
  clock: LockClock,
  attempt: () => Promise<T>,
  heldLock: (result: T) => HeldLock | null | Promise<HeldLock | null>,
): Promise<T> {
  const started = clock.monotonicMs();
  let backoff = FIRST_BACKOFF_MS;
  for (;;) {
    const result = await attempt();
    const held = await heldLock(result);
    if (held === null) return result;
    const waited = clock.monotonicMs() - started;
    if (waited + backoff > ctx.lockTimeoutMs) {
      throw new ManagerUnavailableError(
        held.where,
        `${held.holder}; gave up after waiting ${Math.round(waited / 1000)} s (lock timeout ${Math.round(ctx.lockTimeoutMs / 1000)} s)`,
      );
    }
    ctx.log.progress(held.waiting);
    await clock.sleep(backoff, ctx.signal);
    backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
  }
}

/**
 * Waits, with the same backoff and deadline, until `probe` finds the lock free: before any read
 * of the package database whose answer decides something (an apt-get or dnf running now is
 * rewriting it). Exit 5 naming the holder when the lock timeout passes.
 */
export async function waitUntilFree(
  ctx: Pick<AdapterContext, 'lockTimeoutMs' | 'signal' | 'log'>,
  clock: LockClock,
  probe: () => Promise<LockHolderFound | null>,
): Promise<void> {
  await runWhileLocked(ctx, clock, probe, (holder) => (holder === null ? null : heldBy(holder)));
}

/** The HeldLock for a holder found in /proc (system/held-locks.ts). */
export function heldBy(holder: LockHolderFound): HeldLock {
  const who = describeHolder(holder);
  return {where: holder.file, holder: `locked by ${who}`, waiting: `locked, waiting: ${holder.file} is held by ${who}`};
}
