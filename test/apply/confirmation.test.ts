import {describe, expect, it} from 'vitest';

import {confirmationFor, requireApprovalPossible} from '../../src/apply/confirmation.js';
import {InputError} from '../../src/errors.js';
import {aDecision, aPlan, anEvaluation, anInventory} from '../helpers/plan-builders.js';

describe('requireApprovalPossible', () => {
  it('fails without a TTY, a PLAN and --auto-approve, naming --auto-approve', () => {
    expect(() => requireApprovalPossible({planFileGiven: false, autoApprove: false, stdinIsTTY: false})).toThrow(InputError);
    expect(() => requireApprovalPossible({planFileGiven: false, autoApprove: false, stdinIsTTY: false})).toThrow(/--auto-approve/);
  });

  it.each([
    {planFileGiven: true, autoApprove: false, stdinIsTTY: false},
    {planFileGiven: false, autoApprove: true, stdinIsTTY: false},
    {planFileGiven: false, autoApprove: false, stdinIsTTY: true},
  ])('passes when someone or something can approve: %o', (mode) => {
    expect(requireApprovalPossible(mode)).toBeUndefined();
  });
});

describe('confirmationFor', () => {
  const kernel = aDecision({name: 'linux-image-amd64', installedVersion: '6.1.115-1', candidateVersion: '6.1.119-1', targetVersion: '6.1.119-1'});
  const withKernel = anEvaluation([aDecision(), kernel]);

  it('asks for `yes` for an ordinary plan', () => {
    expect(confirmationFor(aPlan())).toEqual({kind: 'yes', phrase: 'yes'});
  });

  it('asks for the host name when a kernel is installed and the option reboots', () => {
    for (const rebootOption of ['RebootIfNeeded', 'RebootIfRequired'] as const) {
      const plan = aPlan({evaluation: withKernel, options: {rebootOption, installOverrideList: null, now: new Date(), lenient: false, showNotApplicable: false}});
      expect(confirmationFor(plan)).toEqual({kind: 'dangerous', phrase: 'web-01', kernels: ['linux-image-amd64']});
    }
  });

  it('a plain `yes` under NoReboot, or on an image under --root (it is never rebooted)', () => {
    const noReboot = aPlan({evaluation: withKernel, options: {rebootOption: 'NoReboot', installOverrideList: null, now: new Date(), lenient: false, showNotApplicable: false}});
    expect(confirmationFor(noReboot).kind).toBe('yes');
    const base = anInventory();
    const image = aPlan({evaluation: withKernel, inventory: {...base, node: {...base.node, root: '/srv/image'}}});
    expect(confirmationFor(image).kind).toBe('yes');
  });

  it('a skipped kernel does not escalate', () => {
    const skipped = anEvaluation([aDecision(), {...kernel, action: 'skip', targetVersion: null}]);
    expect(confirmationFor(aPlan({evaluation: skipped})).kind).toBe('yes');
  });
});
