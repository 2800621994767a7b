import path from 'node:path';

import {parseOsRelease} from '../../inventory/detect.js';
import type {InstallContext} from '../adapter.js';
import {makeTarget, type DnfDialect, type DnfTarget} from './argv.js';

/**
 * What every dnf/yum argv for a root depends on, read from the node each time it is needed:
 * collection and installs read the same files, so what `installArgv` shows is what `install`
 * runs, and nothing is carried from one call to the next.
 *
 * - releasever: dnf on `/` knows its own release (the system-release package); a root needs
 *   telling, from the node's os-release (or the VERSION_ID collection already detected).
 * - yum.conf: a yum 3 root (etc/yum.conf and no etc/dnf/dnf.conf) is read with -c.
 */
export async function readDnfTarget(dialect: DnfDialect, ctx: InstallContext, detectedVersionId?: string): Promise<DnfTarget> {
  const root = path.resolve(ctx.root);
  if (root === '/') return makeTarget(dialect, root, null, ctx.env, false);
  const releasever = detectedVersionId ?? (await readVersionId(ctx, root));
  const yumConf = dialect === 'yum' && (await ctx.files.exists(path.join(root, 'etc/yum.conf'))) && !(await ctx.files.exists(path.join(root, 'etc/dnf/dnf.conf')));
  return makeTarget(dialect, root, releasever, ctx.env, yumConf);
}

async function readVersionId(ctx: InstallContext, root: string): Promise<string | null> {
  const file = path.join(root, 'etc/os-release');
  const text = await ctx.files.readText(file);
  return text === null ? null : parseOsRelease(text, file).versionId || null;
}
