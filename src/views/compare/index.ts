import type {Streams} from '../../cli/streams.js';
import type {ComparedPlans} from '../../services/compare-plans.js';
import {renderHumanComparison} from './human.js';
import {renderJsonComparison} from './json.js';
import {renderMarkdownComparison} from './markdown.js';

export type CompareViewFormat = 'human' | 'json' | 'markdown';

/** Writes a comparison of two plans to stdout in the chosen format. Services never render; commands pick a format. */
export function showComparison(format: CompareViewFormat, result: ComparedPlans, streams: Streams): void {
  switch (format) {
    case 'human':
      streams.stdout.write(renderHumanComparison(result, {color: streams.color, width: streams.width}));
      return;
    case 'json':
      streams.stdout.write(renderJsonComparison(result));
      return;
    case 'markdown':
      streams.stdout.write(renderMarkdownComparison(result));
      return;
  }
}
