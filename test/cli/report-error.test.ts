import {describe, expect, it} from 'vitest';

import {memoryStreams} from '../../src/cli/streams.js';
import {reportError} from '../../src/cli/report-error.js';
import {InputError, PlanRefusedError} from '../../src/errors.js';
import {expectNoControls, HOSTILE_STRINGS} from '../helpers/hostile.js';

describe('reportError', () => {
  it('prints one line with the exit code of the error', () => {
    const streams = memoryStreams();
    expect(reportError(new PlanRefusedError('plan.json', ['digest mismatch']), streams.stderr, {})).toBe(3);
    expect(streams.err()).toBe('error: plan.json: digest mismatch\n');
  });

  it('shows control characters from data escaped, so an error line cannot act on the terminal', () => {
    for (const hostile of HOSTILE_STRINGS) {
      const streams = memoryStreams();
      expect(reportError(new InputError(`inventory.json: packages[0].name ${hostile}`, `bad value ${hostile}`), streams.stderr, {})).toBe(1);
      expect(streams.err().split('\n')).toHaveLength(2);
      expectNoControls(streams.err());
    }
    const streams = memoryStreams();
    reportError(new InputError('x', 'name "a\u001b]0;pwned\u0007"'), streams.stderr, {});
    expect(streams.err()).toBe('error: x: name "a\\x1b]0;pwned\\x07"\n');
  });

  it('an unexpected error is an internal error, one line, exit 1', () => {
    const streams = memoryStreams();
    expect(reportError(new TypeError('boom\n  at somewhere'), streams.stderr, {})).toBe(1);
    expect(streams.err()).toBe('internal error: boom (rerun with PATCHPLAN_DEBUG=1 for details)\n');
  });
});
