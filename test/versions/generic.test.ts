import {describe, expect, it} from 'vitest';
import {compareGenericVersions} from '../../src/versions/generic.js';

describe('compareGenericVersions', () => {
  it('compares digit runs numerically, not as strings', () => {
    expect(compareGenericVersions('10.15.7', '10.9')).toBe(1);
    expect(compareGenericVersions('14.2', '14.10')).toBe(-1);
  });

  it('compares digit runs past 2^53 exactly', () => {
    expect(compareGenericVersions('1.9007199254740993', '1.9007199254740992')).toBe(1);
  });

  it('orders a longer version with an equal prefix as newer (Homebrew revision 1.2.3_1)', () => {
    expect(compareGenericVersions('1.2.3_1', '1.2.3')).toBe(1);
    expect(compareGenericVersions('1.2', '1.2.0')).toBe(-1);
  });

  it('orders a numeric run above a non-numeric one in the same position', () => {
    expect(compareGenericVersions('2.1', '2.beta')).toBe(1);
    expect(compareGenericVersions('2.beta', '2.1')).toBe(-1);
  });

  it('compares non-numeric runs as strings', () => {
    expect(compareGenericVersions('1.alpha', '1.beta')).toBe(-1);
  });

  it('treats . - _ alike as separators and equal strings as equal', () => {
    expect(compareGenericVersions('1-2_3', '1.2.3')).toBe(0);
    expect(compareGenericVersions('26100.4061', '26100.4061')).toBe(0);
  });
});
