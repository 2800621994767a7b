import {mkdirSync, mkdtempSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import {describe, expect, it} from 'vitest';

// @ts-expect-error: a plain ES module script (bin/), no type declarations.
import {sourceDigest} from '../../bin/source-digest.js';

const digest = sourceDigest as (root: string) => string;

describe('sourceDigest (what dist/ was built from)', () => {
  it('changes when a source changes, is added or renamed; not otherwise', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'pp-digest-'));
    mkdirSync(path.join(root, 'src/engine'), {recursive: true});
    writeFileSync(path.join(root, 'src/a.ts'), 'export const a = 1;\n');
    writeFileSync(path.join(root, 'src/engine/b.ts'), 'export const b = 2;\n');
    const first = digest(root);
    expect(digest(root)).toBe(first);
    writeFileSync(path.join(root, 'src/a.ts'), 'export const a = 3;\n');
    const edited = digest(root);
    expect(edited).not.toBe(first);
    writeFileSync(path.join(root, 'src/c.ts'), '');
    expect(digest(root)).not.toBe(edited);
  });
});
