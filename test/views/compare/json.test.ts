import {describe, expect, it} from 'vitest';

import {comparePlans} from '../../../src/plan/compare.js';
import {showComparison} from '../../../src/views/compare/index.js';
import {COMPARISON_FORMAT_VERSION, renderJsonComparison} from '../../../src/views/compare/json.js';
import {aPlan} from '../../helpers/plan-builders.js';
import {captureStreams} from '../../helpers/streams.js';
import {compared, weekLaterComparison} from './scenario.js';

describe('JSON comparison view', () => {
  it('is one JSON document with the documented keys, in the documented order', () => {
    const streams = captureStreams();
    showComparison('json', weekLaterComparison(), streams);
    const document = JSON.parse(streams.out()) as Record<string, unknown>;
    expect(streams.out().endsWith('}\n')).toBe(true);
    expect(Object.keys(document)).toEqual([
      'formatVersion',
      'old',
      'new',
      'manager',
      'node',
      'entered',
      'left',
      'moved',
      'reasonChanged',
      'newSkips',
      'vanishedSkips',
      'exclusionsAdded',
      'exclusionsRemoved',
      'baseline',
      'options',
      'reboot',
      'compliance',
      'inventory',
      'tool',
      'approvals',
    ]);
    expect(document.formatVersion).toBe(COMPARISON_FORMAT_VERSION);
    expect(COMPARISON_FORMAT_VERSION).toBe(1);
  });

  it('carries both files and digests, and every category as the model has it', () => {
    const result = weekLaterComparison();
    const c = result.comparison;
    const document = JSON.parse(renderJsonComparison(result)) as Record<string, unknown>;
    expect(document.old).toEqual({file: 'old.json', digest: c.old.digest, createdAt: c.old.createdAt, hostname: 'web-01', machineId: c.old.machineId});
    expect(document.new).toMatchObject({file: 'new.json', digest: c.new.digest});
    const {old: _old, new: _new, ...categories} = c;
    const {formatVersion: _v, old: _o, new: _n, ...rest} = document;
    expect(rest).toEqual(JSON.parse(JSON.stringify(categories)));
    expect(document.moved).toEqual([expect.objectContaining({name: 'libssl3', direction: 'up'})]);
    expect(document.exclusionsAdded).toEqual([{name: 'openssl', arch: 'amd64', version: '3.0.17-1~deb12u2', reviewer: 'alice', note: 'breaks TLS pinning; INC-42'}]);
    expect(document.baseline).toMatchObject({documentChanges: [{path: 'ApprovalRules.PatchRules[0].ApproveAfterDays', kind: 'changed', old: 0, new: 7}]});
  });

  it('the same plan: empty arrays and nulls, so consumers need no defaults', () => {
    const plan = aPlan();
    const document = JSON.parse(renderJsonComparison(compared(plan, plan))) as Record<string, unknown>;
    for (const key of ['entered', 'left', 'moved', 'reasonChanged', 'newSkips', 'vanishedSkips', 'exclusionsAdded', 'exclusionsRemoved', 'options']) {
      expect(document[key]).toEqual([]);
    }
    for (const key of ['node', 'baseline', 'reboot', 'compliance', 'inventory', 'tool']) expect(document[key]).toBeNull();
    expect(document.approvals).toEqual(comparePlans(plan, plan).approvals);
  });
});
