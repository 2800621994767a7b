import {describe, expect, it} from 'vitest';

import {earlierAttempt, journalLine, parseJournal, type JournalEntry} from '../../src/apply/journal.js';

const INSTALLING: JournalEntry = {
  event: 'installing',
  run: 'run-1',
  at: '2026-12-01T10:00:00.000Z',
  packages: [{name: 'libssl3', arch: 'amd64', from: '3.0.15-1~deb12u1', to: '3.0.17-1~deb12u2'}],
};

describe('the apply journal', () => {
  it('one JSON line per entry, read back as written', () => {
    const text = journalLine({event: 'run-started', run: 'run-1', at: '2026-12-01T10:00:00.000Z', pid: 42}) + journalLine(INSTALLING);
    expect(text.split('\n')).toHaveLength(3);
    expect(parseJournal(text)).toEqual([{event: 'run-started', run: 'run-1', at: '2026-12-01T10:00:00.000Z', pid: 42}, INSTALLING]);
  });

  it('skips a torn last line (a kill in the middle of a write) and lines that are not entries', () => {
    const torn = `${journalLine(INSTALLING)}{"event":"run-finished","run":"ru`;
    expect(parseJournal(torn)).toEqual([INSTALLING]);
    expect(parseJournal('[1,2]\n{"event":"installing","run":"x","at":"y","packages":[{"name":1}]}\nnot json\n')).toEqual([]);
  });

  it('finds the last earlier run that gave a package, at that version, to the installer', () => {
    const later: JournalEntry = {...INSTALLING, run: 'run-2', at: '2026-12-01T11:00:00.000Z'};
    const entries = [INSTALLING, later];
    expect(earlierAttempt(entries, {name: 'libssl3', arch: 'amd64', to: '3.0.17-1~deb12u2'})).toEqual({run: 'run-2', at: '2026-12-01T11:00:00.000Z'});
    expect(earlierAttempt(entries, {name: 'libssl3', arch: 'amd64', to: '3.0.18-1'})).toBeNull();
    expect(earlierAttempt(entries, {name: 'libssl3', arch: 'i386', to: '3.0.17-1~deb12u2'})).toBeNull();
  });
});
