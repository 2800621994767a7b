// The digest of the TypeScript sources dist/ is compiled from: every file under src/, by path
// and content. `npm run build` records it in dist/.source-digest (generate-manifest.js); the
// command tests compare it with the sources as they are, so a stale build fails them instead of
// silently testing yesterday's code.
import {createHash} from 'node:crypto';
import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';

export function sourceDigest(root) {
  const src = path.join(root, 'src');
  const files = readdirSync(src, {recursive: true, withFileTypes: true})
    .filter((e) => e.isFile())
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)))
    .sort();
  const hash = createHash('sha256');
  for (const file of files) hash.update(`${file}\0`).update(readFileSync(path.join(root, file))).update('\0');
  return hash.digest('hex');
}
