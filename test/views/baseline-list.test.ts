import {describe, expect, it} from 'vitest';

import {listBaselines} from '../../src/services/baseline.js';
import {renderBaselineList} from '../../src/views/baseline/list.js';
import {stripStyle} from '../../src/views/style.js';
import {displayWidth} from '../../src/views/text.js';

const baselines = listBaselines();

function widest(text: string): number {
  return Math.max(...stripStyle(text).split('\n').map(displayWidth));
}

describe('baseline list view', () => {
  it.each([40, 60, 80, 100, 132, 200])('fits %i columns, with or without colour', (width) => {
    expect(widest(renderBaselineList(baselines, {color: false, width}))).toBeLessThanOrEqual(width);
    expect(widest(renderBaselineList(baselines, {color: true, width}))).toBeLessThanOrEqual(width);
  });

  it('keeps every name whole from 60 columns on, and cuts descriptions with an ellipsis', () => {
    for (const width of [60, 80, 132]) {
      const text = renderBaselineList(baselines, {color: false, width});
      for (const b of baselines) expect(text).toContain(b.name);
      expect(text).toContain('…');
    }
  });

  it('puts descriptions on their own line when the table leaves them too little room (80 columns)', () => {
    const lines = renderBaselineList(baselines, {color: false, width: 80}).split('\n');
    const at = lines.findIndex((l) => l.startsWith('AWS-UbuntuDefaultPatchBaseline'));
    expect(lines[at]).toMatch(/^AWS-UbuntuDefaultPatchBaseline \(default\) +UBUNTU$/);
    expect(lines[at + 1]).toMatch(/^ {2}\S.*…$/);
    expect(displayWidth(lines[at + 1] ?? '')).toBe(80);
  });

  it('has a description column when there is room', () => {
    const lines = renderBaselineList(baselines, {color: false, width: 132}).split('\n');
    expect(lines[0]).toMatch(/^NAME +OS +DESCRIPTION$/);
    expect(lines.find((l) => l.startsWith('AWS-UbuntuDefaultPatchBaseline'))).toMatch(/ UBUNTU +\S.*…$/);
  });

  it('points at a document in the repository, not at a decision number', () => {
    const text = renderBaselineList(baselines, {color: false, width: 200});
    expect(text).toContain('docs/baselines.md');
    expect(text).not.toMatch(/DECISION-/);
  });
});
