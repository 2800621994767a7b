import type {ApplyResult} from '../../apply/results.js';
import type {Streams} from '../../cli/streams.js';
import {renderHumanResult, renderRebooting} from './human.js';
import {renderJsonResult} from './json.js';

export type ApplyViewFormat = 'human' | 'json';

/** What `apply` prints when it has finished. Progress and prompts are their own views (progress.ts, ../prompt). */
export interface ApplyView {
  /** The results, on stdout. */
  result(result: ApplyResult): void;
  /** Just before the reboot command runs: on stderr, so `--json` stdout stays the result alone. */
  rebooting(argvText: string): void;
}

export function createApplyView(format: ApplyViewFormat, streams: Streams): ApplyView {
  const rebooting = (argvText: string): void => streams.stderr.write(renderRebooting(argvText));
  switch (format) {
    case 'human':
      return {result: (result) => streams.stdout.write(renderHumanResult(result, streams.color, streams.width)), rebooting};
    case 'json':
      return {result: (result) => streams.stdout.write(renderJsonResult(result)), rebooting};
  }
}
