import {describe, expect, it} from 'vitest';

import {ManagerUnavailableError} from '../../src/errors.js';
import {execaRunner, STATUS_FD} from '../../src/system/runner.js';

/** A tiny child: node -e SCRIPT, argv array, no shell. */
const node = (script: string) => ({file: process.execPath, args: ['-e', script]});

/** Writes status lines to fd 3 between stdout lines, the last status line without a newline. */
const STATUS_CHILD = node(`
const fs = require('fs');
for (let i = 1; i <= 3; i++) {
  fs.writeSync(${STATUS_FD}, 'pmstatus:pkg' + i + ':' + (i * 10) + ':Installed pkg' + i + ' (amd64)\\n');
  process.stdout.write('line ' + i + '\\n');
}
fs.writeSync(${STATUS_FD}, 'dlstatus:1:100.0000:tail without newline');
`);

describe('execaRunner status fd', () => {
  it('reads every line the child writes to fd 3, while stdout is still captured whole', async () => {
    const status: string[] = [];
    const stdout: string[] = [];
    const result = await execaRunner.run(STATUS_CHILD, {onStatusLine: (l) => status.push(l), onStdoutLine: (l) => stdout.push(l)});
    expect(result.exitCode).toBe(0);
    expect(status).toEqual([
      'pmstatus:pkg1:10:Installed pkg1 (amd64)',
      'pmstatus:pkg2:20:Installed pkg2 (amd64)',
      'pmstatus:pkg3:30:Installed pkg3 (amd64)',
      'dlstatus:1:100.0000:tail without newline',
    ]);
    expect(stdout).toEqual(['line 1', 'line 2', 'line 3']);
    expect(result.stdout).toBe('line 1\nline 2\nline 3\n');
  });

  it('gives the child no fd 3 unless asked, so a status option there writes nowhere', async () => {
    // sh, not node: node keeps internal descriptors of its own from 3 up.
    const without = await execaRunner.run({file: '/bin/sh', args: ['-c', 'echo x >&3']});
    expect(without.exitCode).not.toBe(0);
    expect(without.stderr).toMatch(/Bad file descriptor/);
    const status: string[] = [];
    const withFd = await execaRunner.run({file: '/bin/sh', args: ['-c', 'echo x >&3']}, {onStatusLine: (l) => status.push(l)});
    expect(withFd.exitCode).toBe(0);
    expect(status).toEqual(['x']);
  });

  it('keeps stdin input working beside the status fd', async () => {
    const status: string[] = [];
    const result = await execaRunner.run(node(`let t = ''; process.stdin.on('data', (d) => (t += d)).on('end', () => require('fs').writeSync(${STATUS_FD}, 'got ' + t + '\\n'));`), {
      input: 'yes',
      onStatusLine: (l) => status.push(l),
    });
    expect(result.exitCode).toBe(0);
    expect(status).toEqual(['got yes']);
  });

  it('drains the status fd and finishes the child when a callback throws, then throws that error', async () => {
    const error = await execaRunner
      .run(STATUS_CHILD, {
        onStatusLine: () => {
          throw new Error('display bug');
        },
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe('display bug');
  });

  it('still reports a missing program as the manager being unavailable', async () => {
    const error = await execaRunner.run({file: '/nonexistent/apt-get', args: []}, {onStatusLine: () => {}}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ManagerUnavailableError);
    expect((error as ManagerUnavailableError).line()).toBe('/nonexistent/apt-get: not found (is the package manager installed?)');
  });
});

describe('execaRunner stdout in pieces', () => {
  const BIG = node(`process.stdout.write('x'.repeat(3 * 1024 * 1024) + 'end')`);

  it('hands stdout over as it arrives and keeps none of it', async () => {
    let bytes = 0;
    let pieces = 0;
    let last = '';
    const result = await execaRunner.run(BIG, {
      onStdoutChunk: (chunk) => {
        bytes += chunk.byteLength;
        pieces++;
        last = Buffer.from(chunk).toString();
      },
    });
    expect(result.exitCode).toBe(0);
    expect(bytes).toBe(3 * 1024 * 1024 + 3);
    expect(pieces).toBeGreaterThan(1);
    expect(last.endsWith('end')).toBe(true);
    expect(result.stdout).toBe('');
  });

  it('kills the command when the reader throws, and throws that error', async () => {
    const stop = new Error('too much');
    const endless = node(`setInterval(() => process.stdout.write('y'.repeat(65536)), 1)`);
    await expect(
      execaRunner.run(endless, {
        onStdoutChunk: () => {
          throw stop;
        },
      }),
    ).rejects.toBe(stop);
  });
});
