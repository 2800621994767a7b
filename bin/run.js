#!/usr/bin/env node
// oclif entry point. Commands are compiled to dist/ and bundled into dist/bundle/ by `npm run
// build` (bin/bundle.js); oclif itself comes from that bundle too. Errors a command reports
// itself never get here (BaseCommand.catch); what does (a command that does not exist) goes
// through the same one-line report as every other error.
import {flush, run} from '../dist/bundle/oclif.js';

try {
  await run(process.argv.slice(2), import.meta.url);
  await flush();
} catch (error) {
  const exit = error?.oclif?.exit;
  if (error?.code === 'EEXIT' && typeof exit === 'number') {
    process.exitCode = exit;
  } else {
    const {reportError} = await import('../dist/cli/report-error.js');
    process.exitCode = reportError(error, process.stderr, process.env);
  }
}
