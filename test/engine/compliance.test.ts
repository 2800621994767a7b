import {describe, expect, it} from 'vitest';

import {mostSevere, summarizeCompliance} from '../../src/engine/compliance.js';
import type {ComplianceState} from '../../src/engine/engine-io.js';
import {aBaseline} from './builders.js';

const linux = aBaseline({operatingSystem: 'AMAZON_LINUX_2023'});

describe('summarizeCompliance (§6.5)', () => {
  it('counts every state, including the ones that did not occur', () => {
    const summary = summarizeCompliance([{state: 'INSTALLED', complianceLevel: 'UNSPECIFIED'}], linux);
    expect(Object.keys(summary.counts).sort()).toEqual(
      ['AVAILABLE_SECURITY_UPDATE', 'FAILED', 'INSTALLED', 'INSTALLED_OTHER', 'INSTALLED_PENDING_REBOOT', 'INSTALLED_REJECTED', 'MISSING', 'NOT_APPLICABLE'],
    );
    expect(summary).toEqual({
      status: 'COMPLIANT',
      severity: null,
      counts: {INSTALLED: 1, INSTALLED_OTHER: 0, INSTALLED_PENDING_REBOOT: 0, INSTALLED_REJECTED: 0, MISSING: 0, NOT_APPLICABLE: 0, FAILED: 0, AVAILABLE_SECURITY_UPDATE: 0},
    });
  });

  it.each<ComplianceState>(['MISSING', 'FAILED', 'INSTALLED_REJECTED', 'INSTALLED_PENDING_REBOOT'])('%s makes the node non-compliant', (state) => {
    expect(summarizeCompliance([{state, complianceLevel: 'LOW'}], linux)).toMatchObject({status: 'NON_COMPLIANT', severity: 'LOW'});
  });

  it.each<ComplianceState>(['INSTALLED', 'INSTALLED_OTHER', 'NOT_APPLICABLE'])('%s keeps it compliant', (state) => {
    expect(summarizeCompliance([{state, complianceLevel: 'CRITICAL'}], linux)).toMatchObject({status: 'COMPLIANT', severity: null});
  });

  it('reports the most severe level among non-compliant packages only', () => {
    const summary = summarizeCompliance(
      [
        {state: 'MISSING', complianceLevel: 'LOW'},
        {state: 'MISSING', complianceLevel: 'HIGH'},
        {state: 'INSTALLED', complianceLevel: 'CRITICAL'},
      ],
      linux,
    );
    expect(summary.severity).toBe('HIGH');
  });

  it('never reports UNSPECIFIED: the floor is INFORMATIONAL', () => {
    expect(summarizeCompliance([{state: 'MISSING', complianceLevel: 'UNSPECIFIED'}], linux).severity).toBe('INFORMATIONAL');
  });

  it('AVAILABLE_SECURITY_UPDATE counts as non-compliant only when the baseline says so', () => {
    const item = [{state: 'AVAILABLE_SECURITY_UPDATE' as const, complianceLevel: 'UNSPECIFIED' as const}];
    expect(summarizeCompliance(item, aBaseline({operatingSystem: 'WINDOWS'})).status).toBe('COMPLIANT');
    expect(summarizeCompliance(item, aBaseline({operatingSystem: 'WINDOWS', availableSecurityUpdatesComplianceStatus: 'NON_COMPLIANT'}))).toMatchObject({
      status: 'NON_COMPLIANT',
      severity: 'INFORMATIONAL',
    });
  });
});

describe('mostSevere (DECISION-24)', () => {
  it('orders CRITICAL > HIGH > MEDIUM > LOW > INFORMATIONAL > UNSPECIFIED', () => {
    expect(mostSevere(['LOW', 'CRITICAL', 'MEDIUM'])).toBe('CRITICAL');
    expect(mostSevere(['UNSPECIFIED', 'INFORMATIONAL'])).toBe('INFORMATIONAL');
    expect(mostSevere([])).toBe('UNSPECIFIED');
  });
});
