import type {Streams} from '../../cli/streams.js';
import type {FleetReport} from '../../plan/fleet-report.js';
import {renderHumanFleet} from './human.js';
import {renderMarkdownFleet} from './markdown.js';
import {fleetReportJson} from './model.js';
import {visibleLine} from '../safe-text.js';

export type FleetViewFormat = 'human' | 'json' | 'markdown';

/** `fleet report` on stdout; every refused plan also gets its one error line on stderr. */
export function showFleetReport(format: FleetViewFormat, report: FleetReport, streams: Streams): void {
  const model = fleetReportJson(report);
  // No plan verified: there is nothing to review, only the errors (stdout stays empty, as on any error).
  if (model.plans.verified === 0) {
    for (const r of model.refused) streams.stderr.write(`error: ${visibleLine(r.error)}\n`);
    return;
  }
  if (format === 'json') streams.stdout.write(`${JSON.stringify(model, null, 2)}\n`);
  else if (format === 'markdown') streams.stdout.write(renderMarkdownFleet(model));
  else streams.stdout.write(renderHumanFleet(model, {color: streams.color, width: streams.width}));
  for (const r of model.refused) streams.stderr.write(`error: ${visibleLine(r.error)}\n`);
}
