#!/usr/bin/env node
// oclif entry point: nothing else lives here. Commands are compiled to dist/ by `npm run build`.
import {execute} from '@oclif/core';

await execute({dir: import.meta.url});
