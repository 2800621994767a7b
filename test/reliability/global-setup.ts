import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import {readFigures, summarize} from './figures.js';

/**
 * Gives the reliability tests a directory for their figures (workers inherit the environment
 * set here) and prints the summary when the run ends, after every test file has recorded.
 */
export default function setup(): () => void {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'patchplan-reliability-'));
  process.env.PATCHPLAN_RELIABILITY_DIR = dir;
  return () => {
    const figures = readFigures(dir);
    console.log(`\n${summarize(figures)}\n`);
    rmSync(dir, {recursive: true, force: true});
  };
}
