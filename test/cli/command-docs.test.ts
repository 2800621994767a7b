import {readFileSync} from 'node:fs';
import path from 'node:path';

import {describe, expect, it} from 'vitest';

// @ts-expect-error: a plain ES module script (bin/), no type declarations.
import {renderCommandDocs} from '../../bin/generate-command-docs.js';
import {REPO} from '../helpers/cli.js';

describe('docs/commands.md', () => {
  it('is what `npm run docs:commands` writes from the current manifest (rerun it after changing a command or flag)', () => {
    const manifest: unknown = JSON.parse(readFileSync(path.join(REPO, 'oclif.manifest.json'), 'utf8'));
    expect(readFileSync(path.join(REPO, 'docs/commands.md'), 'utf8')).toBe((renderCommandDocs as (m: unknown) => string)(manifest));
  });
});
