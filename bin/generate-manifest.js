#!/usr/bin/env node
// Writes oclif.manifest.json next to package.json from the compiled commands in dist/, the
// way `oclif manifest` does (@oclif/core's Plugin with the manifest ignored). With it, oclif
// finds a command without importing every command module first, which halves start-up.
// Run by `npm run build`; the file is generated, not committed. Also records dist/.source-digest.
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

import {Plugin} from '@oclif/core';

import {sourceDigest} from './source-digest.js';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const plugin = new Plugin({root, type: 'core', ignoreManifest: true, errorOnManifestCreate: true, isRoot: true});
await plugin.load();
writeFileSync(path.join(root, 'oclif.manifest.json'), `${JSON.stringify(plugin.manifest, null, 2)}\n`);
// What dist/ was built from (bin/source-digest.js): the command tests refuse a stale build.
writeFileSync(path.join(root, 'dist', '.source-digest'), `${sourceDigest(root)}\n`);
