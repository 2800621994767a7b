import type {Streams} from '../../cli/streams.js';
import type {BaselineSummary} from '../../services/baseline.js';
import {visibleLine} from '../safe-text.js';
import {createStyle} from '../style.js';
import {displayWidth, fit, padEnd, wrapHanging} from '../text.js';

/** Below this many columns for the description, each description gets its own line. */
const MIN_DESCRIPTION = 30;
const GAP = '  ';

export interface BaselineListOptions {
  readonly color: boolean;
  /** Columns to lay out for (streams.width: COLUMNS, else the terminal, else 80): every line fits. */
  readonly width: number;
}

/**
 * `patchplan baseline list`: one row per predefined baseline, every line within `width`
 * (piped too: `--json` has the whole descriptions). Names are never cut while they fit the
 * width, since they are what `--baseline` takes; descriptions end in an ellipsis where cut.
 * When the table leaves the description fewer than 30 columns (80 columns leave 3), each
 * description goes on its own indented line under its row instead.
 */
export function renderBaselineList(baselines: readonly BaselineSummary[], options: BaselineListOptions): string {
  const style = createStyle(options.color);
  const {width} = options;
  const rows = baselines.map((b) => ({
    name: visibleLine(b.default ? `${b.name} (default)` : b.name),
    os: b.operatingSystem,
    description: visibleLine(b.description),
  }));
  const nameWidth = Math.max(displayWidth('NAME'), ...rows.map((r) => displayWidth(r.name)));
  const osWidth = Math.max(displayWidth('OS'), ...rows.map((r) => displayWidth(r.os)));
  const room = width - nameWidth - osWidth - 2 * displayWidth(GAP);
  const lines: string[] = [];
  if (room >= MIN_DESCRIPTION) {
    lines.push(style.bold(`${padEnd('NAME', nameWidth)}${GAP}${padEnd('OS', osWidth)}${GAP}DESCRIPTION`));
    for (const r of rows) lines.push(`${padEnd(r.name, nameWidth)}${GAP}${padEnd(r.os, osWidth)}${GAP}${fit(r.description, room)}`);
  } else {
    lines.push(style.bold(fit(`${padEnd('NAME', nameWidth)}${GAP}OS`, width)), style.bold(fit('  DESCRIPTION', width)));
    for (const r of rows) lines.push(fit(`${padEnd(r.name, nameWidth)}${GAP}${r.os}`, width), style.dim(fit(`  ${r.description}`, width)));
  }
  const note =
    "Rules reconstructed from AWS's published descriptions of its predefined baselines (docs/baselines.md); `patchplan baseline show NAME` prints one, `--json` the whole descriptions.";
  return `${[...lines, '', ...wrapHanging(note, width, '', '')].join('\n')}\n`;
}

export function printBaselineList(baselines: readonly BaselineSummary[], streams: Streams): void {
  streams.stdout.write(renderBaselineList(baselines, {color: streams.color, width: streams.width}));
}

export function printBaselineListJson(baselines: readonly BaselineSummary[], streams: Streams): void {
  streams.stdout.write(`${JSON.stringify(baselines, null, 2)}\n`);
}
