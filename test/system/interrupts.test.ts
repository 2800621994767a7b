import {EventEmitter} from 'node:events';

import {describe, expect, it} from 'vitest';

import {INTERRUPTED_EXIT_CODE, neverInterrupted, watchSignals, type StopSignal} from '../../src/system/interrupts.js';

describe('watchSignals', () => {
  it('the first signal stops (its name is the reason), the second aborts, and the view is told which', () => {
    const source = new EventEmitter();
    const told: [StopSignal, boolean][] = [];
    const interrupts = watchSignals(source, (signal, first) => told.push([signal, first]));
    expect(interrupts.received()).toBeNull();
    source.emit('SIGTERM');
    expect(interrupts.stop.aborted).toBe(true);
    expect(interrupts.stop.reason).toBe('SIGTERM');
    expect(interrupts.abort.aborted).toBe(false);
    source.emit('SIGINT');
    expect(interrupts.abort.aborted).toBe(true);
    expect(interrupts.received()).toBe('SIGTERM');
    expect(told).toEqual([
      ['SIGTERM', true],
      ['SIGINT', false],
    ]);
  });

  it('dispose removes both handlers, so the signals have their default effect again', () => {
    const source = new EventEmitter();
    const interrupts = watchSignals(source, () => {});
    expect(source.listenerCount('SIGINT')).toBe(1);
    expect(source.listenerCount('SIGTERM')).toBe(1);
    interrupts.dispose();
    expect(source.listenerCount('SIGINT')).toBe(0);
    expect(source.listenerCount('SIGTERM')).toBe(0);
  });

  it('exit codes are 128 + the signal number, as shells report them', () => {
    expect(INTERRUPTED_EXIT_CODE).toEqual({SIGINT: 130, SIGTERM: 143});
    expect(neverInterrupted.received()).toBeNull();
    expect(neverInterrupted.stop.aborted || neverInterrupted.abort.aborted).toBe(false);
  });
});
