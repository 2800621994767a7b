import path from 'node:path';

import {ExternalCommandError} from '../../errors.js';
import {gunzipText} from '../../system/compression.js';
import type {AdapterContext} from '../adapter.js';
import {parseUpdateinfo} from '../rpm-common/index.js';
import {zstdCatArgv} from './argv.js';
import type {PatchPackage} from './build-inventory.js';
import {output} from './commands.js';
import {rawCacheDir} from './paths.js';

/**
 * Patch id → exact versions, from every repository's cached updateinfo:
 *   ROOT/var/cache/zypp/raw/<alias>/repodata/*updateinfo.xml*
 * The mapping comes from the cache because zypper prints it nowhere in structured form
 * (`info -t patch` is one text `<message>`, `search -t patch` has no package list; labs §3);
 * reading the files costs nothing next to a zypper run (~25-40 ms each, bench).
 */

const UPDATEINFO_FILE = /updateinfo\.xml(\.gz|\.zst)?$/;

export async function cachedPatchPackages(ctx: AdapterContext, root: string): Promise<Map<string, PatchPackage[]>> {
  const result = new Map<string, PatchPackage[]>();
  const raw = rawCacheDir(root);
  for (const alias of (await ctx.files.list(raw)).sort()) {
    const repodata = path.join(raw, alias, 'repodata');
    for (const name of (await ctx.files.list(repodata)).filter((f) => UPDATEINFO_FILE.test(f)).sort()) {
      const file = path.join(repodata, name);
      const xml = await updateinfoText(ctx, file);
      if (xml === null) {
        // Gone since the listing (a refresh replaced it): its patches are then warned about as unmapped.
        ctx.log.debug(`${file} disappeared before it was read`);
        continue;
      }
      // rpm-common's parser (shared with dnf) reads both the rpm-md and the legacy SUSE shapes.
      for (const notice of parseUpdateinfo(xml, file)) {
        const packages = notice.packages.map((p) => ({name: p.name, arch: p.arch, version: p.evr, rebootSuggested: p.rebootSuggested}));
        result.set(notice.id, [...(result.get(notice.id) ?? []), ...packages]);
      }
    }
  }
  return result;
}

/**
 * One updateinfo file's XML. Read through the context's files, so its size is bounded, and so is
 * what a .gz unpacks to (`maxBytes`: a small file can unpack to gigabytes). Null when it is gone.
 */
async function updateinfoText(ctx: AdapterContext, file: string): Promise<string | null> {
  // Node 20's zlib has no zstd; newer SUSE repositories compress repodata with it.
  if (file.endsWith('.zst')) return output(ctx, zstdCatArgv(file));
  const bytes = await ctx.files.readBytes(file);
  if (bytes === null) return null;
  if (!file.endsWith('.gz')) return bytes.toString('utf8');
  try {
    return gunzipText(bytes, ctx.files.maxBytes);
  } catch (error) {
    // A truncated download or a broken cache: a forced refresh fetches the file again.
    throw new ExternalCommandError(file, `could not be decompressed: ${(error as Error).message}; run \`zypper refresh -f\``);
  }
}
