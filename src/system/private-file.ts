import {promises as fsp} from 'node:fs';
import path from 'node:path';

/**
 * Writes `file` (mode 0600) by rename from a private directory beside it. For a predictable name
 * in a shared directory: in a sticky /tmp, rename over a file another user planted fails (EPERM)
 * instead of writing into it, and once ours is there nobody else can swap it.
 */
export async function writePrivateFileByRename(file: string, content: string): Promise<void> {
  const dir = await fsp.mkdtemp(path.join(path.dirname(file), `${path.basename(file)}.`));
  try {
    const tmp = path.join(dir, 'file');
    await fsp.writeFile(tmp, content, {mode: 0o600, flag: 'wx'});
    await fsp.rename(tmp, file);
  } finally {
    await fsp.rm(dir, {recursive: true, force: true});
  }
}
