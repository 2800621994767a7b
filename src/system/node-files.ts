import {promises as fsp} from 'node:fs';

import type {NodeFiles} from '../inventory/adapters/adapter.js';

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
  async exists(file) {
    try {
      await fsp.access(file);
      return true;
    } catch {
      return false;
    }
  },
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
