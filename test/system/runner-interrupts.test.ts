/**
 * The runner's installer mode against real processes: a process group of its own (a terminal's
 * Ctrl+C, sent to the foreground group, never reaches it), `stop` as SIGINT to the installer
 * alone, `abort` as SIGKILL to its whole group (a dpkg it started, a maintainer script).
 */
import {readFileSync} from 'node:fs';

import {describe, expect, it} from 'vitest';

import {execaRunner} from '../../src/system/runner.js';

/** Field 5 of /proc/PID/stat: the process group. */
function processGroup(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('execaRunner: installers in their own process group', () => {
  it('ownProcessGroup: the child leads a group of its own, not patchplan’s', async () => {
    const result = await execaRunner.run({file: '/bin/sh', args: ['-c', 'echo $$']}, {ownProcessGroup: true});
    const ours = processGroup(process.pid);
    // The child has exited; its group id was its pid (setsid), which is not ours.
    expect(Number(result.stdout.trim())).not.toBe(ours);
    const plain = await execaRunner.run({file: '/bin/sh', args: ['-c', 'cut -d" " -f5 /proc/$$/stat']});
    expect(Number(plain.stdout.trim())).toBe(ours);
    const own = await execaRunner.run({file: '/bin/sh', args: ['-c', 'echo "$$ $(cut -d" " -f5 /proc/$$/stat)"']}, {ownProcessGroup: true});
    const [pid, group] = own.stdout.trim().split(' ').map(Number);
    expect(group).toBe(pid);
  });

  it('stop sends SIGINT to the installer, which finishes what it does and exits its own way', async () => {
    const stop = new AbortController();
    const running = execaRunner.run(
      {file: '/bin/sh', args: ['-c', 'trap "echo finishing the current unit; exit 7" INT; echo ready; while :; do sleep 0.05; done']},
      {ownProcessGroup: true, stop: stop.signal, stopWith: 'SIGINT', onStdoutLine: (line) => line === 'ready' && stop.abort()},
    );
    const result = await running;
    expect(result.exitCode).toBe(7);
    expect(result.stdout).toContain('finishing the current unit');
  });

  it('abort kills the whole group at once, grandchildren included', async () => {
    const abort = new AbortController();
    let grandchild = 0;
    const result = await execaRunner.run(
      {file: '/bin/sh', args: ['-c', 'sleep 300 & echo $!; wait']},
      {
        ownProcessGroup: true,
        abort: abort.signal,
        onStdoutLine: (line) => {
          grandchild = Number(line);
          abort.abort();
        },
      },
    );
    expect(result.signal).toBe('SIGKILL');
    expect(grandchild).toBeGreaterThan(0);
    // The kernel reaps the orphaned sleep through init; wait until it is gone (bounded by count, not time).
    for (let i = 0; i < 200 && alive(grandchild); i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(alive(grandchild)).toBe(false);
  });

  it('a stop that came before the command started is delivered at once', async () => {
    const stop = new AbortController();
    stop.abort();
    const result = await execaRunner.run({file: '/bin/sh', args: ['-c', 'sleep 30']}, {ownProcessGroup: true, stop: stop.signal, stopWith: 'SIGINT'});
    expect(result.signal).toBe('SIGINT');
  });
});
