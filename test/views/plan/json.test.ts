import {describe, expect, it} from 'vitest';

import {parsePlanText, serializePlan} from '../../../src/plan/file.js';
import {createPlanView} from '../../../src/views/plan/index.js';
import {aPlan} from '../../helpers/plan-builders.js';
import {captureStreams} from '../../helpers/streams.js';

describe('JSON plan view', () => {
  it('prints exactly the plan file on stdout, nothing on stderr, nothing after saving', () => {
    const plan = aPlan();
    const streams = captureStreams({color: true});
    const view = createPlanView('json', streams);
    view.plan(plan);
    view.saved('plan.json');
    expect(streams.out()).toBe(serializePlan(plan));
    expect(streams.err()).toBe('');
    expect(JSON.parse(streams.out())).toEqual(plan);
    // What a pipeline saves from stdout is a valid plan file.
    expect(parsePlanText(streams.out(), 'stdout')).toEqual(plan);
  });
});
