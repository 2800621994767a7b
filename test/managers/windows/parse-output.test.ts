import {describe, expect, it} from 'vitest';

import {ExternalCommandError} from '../../../src/errors.js';
import {hex, IdentifySchema, InstallSchema, parseScriptResult, RebootSchema, ScanSchema} from '../../../src/managers/windows/parse-output.js';
import {errorOf} from '../../helpers/input-error.js';
import {output} from './support.js';

const CMD = 'powershell.exe (patchplan script, mode scan)';
const ok = (stdout: string) => ({exitCode: 0, stdout, stderr: ''});

describe('parseScriptResult', () => {
  it('reads every mode\'s document', () => {
    expect(parseScriptResult(IdentifySchema, ok(output('identify-server-2022.json')), CMD).buildNumber).toBe('20348');
    expect(parseScriptResult(ScanSchema, ok(output('scan-server-2022.json')), CMD).updates).toHaveLength(9);
    expect(parseScriptResult(ScanSchema, ok(output('scan-no-updates.json')), CMD).updates.every((u) => u.isInstalled)).toBe(true);
    expect(parseScriptResult(InstallSchema, ok(output('install-failed.json')), CMD).results[0]?.hResult).toBe(-2145124318);
    expect(parseScriptResult(RebootSchema, ok(output('reboot-required.json')), CMD).rebootRequired).toBe(true);
  });

  it('keeps localized titles verbatim (UTF-8), with a byte order mark or without', () => {
    const scan = parseScriptResult(ScanSchema, ok(`\uFEFF${output('scan-localized.json')}`), CMD);
    expect(scan.updates.map((u) => u.title)).toEqual([
      '2026-01 Kumulatives Update für Microsoft Server Operating System, Version 21H2 für x64-basierte Systeme (KB5049983)',
      'Aktualizacja zabezpieczeń dla systemu Microsoft Server operating system-21H2 (KB5012170) — ąęłńóśźż',
    ]);
  });

  it('a truncated document is one line naming the command', () => {
    const error = errorOf(() => parseScriptResult(ScanSchema, ok(output('scan-truncated.json')), CMD));
    expect(error).toBeInstanceOf(ExternalCommandError);
    expect(error.line()).toBe(`${CMD}: printed a document that is not JSON at offset 620: invalid JSON: unterminated string`);
    expect(error.line()).not.toContain('\n');
  });

  it('no output at all, or a document of another shape, names the JSON path', () => {
    expect(errorOf(() => parseScriptResult(ScanSchema, ok(''), CMD)).line()).toBe(`${CMD}: printed no JSON document`);
    const wrong = JSON.parse(output('scan-wsus.json')) as {updates: {updateId: string}[]};
    (wrong.updates[1] as {updateId: string}).updateId = 'not-a-guid';
    expect(errorOf(() => parseScriptResult(ScanSchema, ok(JSON.stringify(wrong)), CMD)).line()).toBe(`${CMD}: unexpected output at updates[1].updateId: must be a GUID`);
    expect(errorOf(() => parseScriptResult(RebootSchema, ok('{"rebootRequired":"yes"}'), CMD)).line()).toBe(
      `${CMD}: unexpected output at rebootRequired: Invalid input: expected boolean, received string`,
    );
  });

  it('the script\'s own error object and exit 1: its message and HRESULT in hex', () => {
    const result = {exitCode: 1, stdout: output('error-no-connection.json'), stderr: ''};
    expect(errorOf(() => parseScriptResult(ScanSchema, result, CMD)).line()).toBe(`${CMD}: exited 1: Exception from HRESULT: 0x8024402C (HRESULT 0x8024402C)`);
  });

  it('a PowerShell error record on stderr: its first line, not the position lines', () => {
    const result = {exitCode: 1, stdout: '', stderr: output('powershell-stderr.txt')};
    expect(errorOf(() => parseScriptResult(ScanSchema, result, CMD)).line()).toBe(
      `${CMD}: exited 1: The term 'ConvertTo-Json' is not recognized as the name of a cmdlet, function, script file, or operable program. Check the spelling of the name, or if a path was included, verify that the path is correct and try again.`,
    );
  });

  it('a non-zero exit with nothing said is still one line; a valid document does not hide the exit', () => {
    expect(errorOf(() => parseScriptResult(ScanSchema, {exitCode: -1073741510, stdout: '', stderr: ''}, CMD)).line()).toBe(`${CMD}: exited -1073741510`);
    expect(errorOf(() => parseScriptResult(RebootSchema, {exitCode: 3, stdout: '{"rebootRequired":false}', stderr: ''}, CMD)).line()).toBe(
      `${CMD}: exited 3: {"rebootRequired":false}`,
    );
  });
});

describe('hex', () => {
  it('writes the signed HRESULT as Microsoft does', () => {
    expect(hex(-2145124318)).toBe('0x80240022');
    expect(hex(0)).toBe('0x00000000');
    expect(hex(5)).toBe('0x00000005');
  });
});
