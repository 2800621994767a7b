import {describe, expect, it} from 'vitest';
import {compareAwsApt, compareAwsRpmIgnoringEpoch} from '../../src/versions/aws-order.js';
import {compareDpkgVersions} from '../../src/versions/dpkg.js';
import {compareEvr, parseEvr} from '../../src/versions/rpm.js';

/** The highest version under an order, as step 6 of the pipeline picks a target. */
function highest(versions: readonly string[], cmp: (a: string, b: string) => number): string | undefined {
  return [...versions].sort(cmp).at(-1);
}

describe('compareAwsApt: AWS sorts apt versions as plain strings', () => {
  it('E36: puts 1.2-0ubuntu3.9 above 1.2-0ubuntu3.10, where dpkg puts it below', () => {
    expect(compareAwsApt('1.2-0ubuntu3.9', '1.2-0ubuntu3.10')).toBe(1);
    expect(compareAwsApt('1.2-0ubuntu3.10', '1.2-0ubuntu3.9')).toBe(-1);
    expect(Math.sign(compareDpkgVersions('1.2-0ubuntu3.9', '1.2-0ubuntu3.10'))).toBe(-1);
  });

  it('E36: AWS would pick 3.9 as the target, dpkg order picks 3.10', () => {
    const approved = ['1.2-0ubuntu3.9', '1.2-0ubuntu3.10'];
    expect(highest(approved, compareAwsApt)).toBe('1.2-0ubuntu3.9');
    expect(highest(approved, compareDpkgVersions)).toBe('1.2-0ubuntu3.10');
  });

  it('ignores dpkg semantics entirely: ~ and epochs compare as characters', () => {
    // '~' (0x7e) is above every digit, so a pre-release sorts above its release.
    expect(compareAwsApt('1.0~rc1', '1.0')).toBe(1);
    // Character order, not epochs: '1:...' vs '2.0' compares '1' with '2'.
    expect(compareAwsApt('1:1.0', '2.0')).toBe(-1);
    expect(compareAwsApt('1.0-1', '1.0-1')).toBe(0);
  });
});

describe('compareAwsRpmIgnoringEpoch: AWS orders dnf/zypper versions without the epoch', () => {
  it('E10: sees 1:4.9-1.el9 as older than installed 0:5.0-1.el9, where full EVR sees it newer', () => {
    expect(compareAwsRpmIgnoringEpoch('1:4.9-1.el9', '0:5.0-1.el9')).toBe(-1);
    expect(compareAwsRpmIgnoringEpoch('0:5.0-1.el9', '1:4.9-1.el9')).toBe(1);
    expect(compareEvr('1:4.9-1.el9', '0:5.0-1.el9')).toBe(1);
  });

  it('E10: so AWS offers nothing newer than installed, and full EVR offers 1:4.9-1.el9', () => {
    const installed = '0:5.0-1.el9';
    const available = ['1:4.9-1.el9'];
    expect(available.filter((v) => compareAwsRpmIgnoringEpoch(v, installed) > 0)).toEqual([]);
    expect(available.filter((v) => compareEvr(v, installed) > 0)).toEqual(['1:4.9-1.el9']);
  });

  it('treats versions differing only in epoch as equal', () => {
    expect(compareAwsRpmIgnoringEpoch('3:1.0-1', '1.0-1')).toBe(0);
  });

  it('still uses rpmvercmp on version then release (E9: release 0.13 above 0.10)', () => {
    expect(compareAwsRpmIgnoringEpoch('8.7p1-8.amzn2023.0.13', '8.7p1-8.amzn2023.0.10')).toBe(1);
    expect(compareAwsRpmIgnoringEpoch('1.10-1', '1.9-5')).toBe(1);
    expect(compareAwsRpmIgnoringEpoch(parseEvr('2:1.0-1~rc1'), parseEvr('1.0-1'))).toBe(-1);
  });
});
