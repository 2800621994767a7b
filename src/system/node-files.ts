import {promises as fsp} from 'node:fs';

import type {NodeFiles} from '../inventory/adapters/adapter.js';
import {pathExists} from './fs.js';

/** Reads the node's own files (os-release, dpkg status, apt lists); missing files are null, not errors. */
export const nodeFiles: NodeFiles = {
  async readText(file) {
    try {
      return await fsp.readFile(file, 'utf8');
    } catch (error) {
      const code = (error as {code?: unknown}).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return null;
      throw error;
    }
  },
  exists: pathExists,
  async list(dir) {
    try {
      return (await fsp.readdir(dir)).sort();
    } catch (error) {
      const code = (error as {code?: unknown}).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return [];
      throw error;
    }
  },
};
