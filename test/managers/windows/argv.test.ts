import {describe, expect, it} from 'vitest';

import {
  ENCODED_SCRIPT,
  parseRevisionVersion,
  powershellPath,
  revisionVersion,
  scriptArgv,
  scriptInput,
  windowsArch,
} from '../../../src/managers/windows/argv.js';
import {WINDOWS_SCRIPT} from '../../../src/managers/windows/script.js';
import {errorOf} from '../../helpers/input-error.js';
import {POWERSHELL} from './support.js';

describe('powershellPath', () => {
  it('is %SystemRoot%\\System32\\WindowsPowerShell\\v1.0\\powershell.exe, C:\\Windows by default', () => {
    expect(powershellPath({SystemRoot: 'C:\\Windows'})).toBe(POWERSHELL);
    expect(powershellPath({})).toBe(POWERSHELL);
    expect(powershellPath({SYSTEMROOT: 'D:\\WINNT\\'})).toBe('D:\\WINNT\\System32\\WindowsPowerShell\\v1.0\\powershell.exe');
  });

  it('refuses a SystemRoot that is not drive-absolute (no PATH lookup, no relative path)', () => {
    expect(errorOf(() => powershellPath({SystemRoot: 'Windows'})).line()).toBe('SystemRoot: "Windows" is not an absolute Windows directory such as C:\\Windows');
    expect(() => powershellPath({SystemRoot: 'C:\\Win"dows'})).toThrow();
  });
});

describe('scriptArgv', () => {
  it('runs the fixed script encoded, with no profile, no prompts and the policy bypassed', () => {
    expect(scriptArgv({SystemRoot: 'C:\\Windows'})).toEqual({
      file: POWERSHELL,
      args: ['-NoLogo', '-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand', ENCODED_SCRIPT],
    });
  });

  it('encodes the script as UTF-16LE base64, within the 32,767 characters of a Windows command line', () => {
    expect(Buffer.from(ENCODED_SCRIPT, 'base64').toString('utf16le')).toBe(WINDOWS_SCRIPT);
    const commandLine = [POWERSHELL, ...scriptArgv({}).args].join(' ');
    expect(commandLine.length).toBeLessThan(32_767);
  });

  it('keeps inputs out of the script text: nothing but stdin says what to work on', () => {
    expect(WINDOWS_SCRIPT).toContain('$input | Out-String');
    expect(WINDOWS_SCRIPT).not.toMatch(/KB\d{4,}/);
    expect(WINDOWS_SCRIPT).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}/i);
  });
});

describe('scriptInput', () => {
  it('is one compact JSON document per mode', () => {
    expect(scriptInput({mode: 'identify'})).toBe('{"mode":"identify"}');
    expect(scriptInput({mode: 'scan'})).toBe('{"mode":"scan"}');
    expect(scriptInput({mode: 'rebootRequired'})).toBe('{"mode":"rebootRequired"}');
    expect(scriptInput({mode: 'install', updates: [{updateId: '3f1c8a4e-5b2d-4e6f-9a7b-1c2d3e4f5a6b', revision: 200}]})).toBe(
      '{"mode":"install","updates":[{"updateId":"3f1c8a4e-5b2d-4e6f-9a7b-1c2d3e4f5a6b","revision":200}]}',
    );
  });
});

describe('revision versions', () => {
  it('write and read <UpdateID>.<RevisionNumber>', () => {
    const id = {updateId: '3F1C8A4E-5B2D-4E6F-9A7B-1C2D3E4F5A6B', revision: 200};
    expect(revisionVersion(id)).toBe('3f1c8a4e-5b2d-4e6f-9a7b-1c2d3e4f5a6b.200');
    expect(parseRevisionVersion('KB1', '3f1c8a4e-5b2d-4e6f-9a7b-1c2d3e4f5a6b.200')).toEqual({updateId: '3f1c8a4e-5b2d-4e6f-9a7b-1c2d3e4f5a6b', revision: 200});
  });

  it('refuse anything else, so no text reaches a WUA criteria string', () => {
    for (const bad of ['1', "3f1c8a4e-5b2d-4e6f-9a7b-1c2d3e4f5a6b.1' or 1=1", 'x.200', '3f1c8a4e-5b2d-4e6f-9a7b-1c2d3e4f5a6b.']) {
      expect(errorOf(() => parseRevisionVersion('KB5049983', bad)).line()).toBe(
        `KB5049983: version ${JSON.stringify(bad)} is not a Windows update revision <UpdateID>.<RevisionNumber>`,
      );
    }
  });
});

describe('windowsArch', () => {
  it('is the process environment\'s architecture, the 64-bit one from a 32-bit process', () => {
    expect(windowsArch({PROCESSOR_ARCHITECTURE: 'AMD64'})).toBe('amd64');
    expect(windowsArch({PROCESSOR_ARCHITECTURE: 'x86', PROCESSOR_ARCHITEW6432: 'ARM64'})).toBe('arm64');
    expect(windowsArch({})).toBe('');
  });
});
