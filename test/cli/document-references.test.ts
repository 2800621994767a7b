import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';

import ts from 'typescript';
import {describe, expect, it} from 'vitest';

import {REPO, runCli} from '../helpers/cli.js';

/**
 * No help text and no output may send a reader to a document that is not in the repository:
 * the design notes (`DECISION-n`), `spec/cli-contract.md` and `spec/patch-manager.md` stay
 * with whoever wrote them. Help is read from the built CLI, every command in the manifest;
 * output from every string literal under src/ (what views print, and the messages services,
 * the engine and the baseline checks hand them). Comments may still cite them.
 */
const MISSING = /DECISION-\d|spec\/|cli-contract|patch-manager\.md|spec §/;

/**
 * Literals in files another change owns, to be replaced there (see the report of this change);
 * each must still be present, so the entry is removed when the text is fixed.
 */
const PENDING: readonly {file: string; text: string}[] = [];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, {withFileTypes: true, recursive: true})
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name))
    .map((e) => path.relative(REPO, path.join(e.parentPath, e.name)));
}

/** Every string literal, template piece and JSX text in a file, with its line. */
function literals(file: string): {line: number; text: string}[] {
  const source = ts.createSourceFile(file, readFileSync(path.join(REPO, file), 'utf8'), ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const out: {line: number; text: string}[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node) || ts.isJsxText(node)) {
      out.push({line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, text: node.text});
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

describe('no output or help cites a document that is not in the repository', () => {
  it('no string literal under src/ does (views, messages, flag descriptions)', () => {
    const found: string[] = [];
    const pending = new Set<string>();
    for (const file of sourceFiles(path.join(REPO, 'src'))) {
      for (const {line, text} of literals(file)) {
        if (!MISSING.test(text)) continue;
        if (PENDING.some((p) => p.file === file && p.text === text)) pending.add(`${file}\0${text}`);
        else found.push(`${file}:${line}: ${JSON.stringify(text)}`);
      }
    }
    expect(found).toEqual([]);
    // A fixed entry must leave PENDING, so the list never hides a new one.
    expect(PENDING.filter((p) => !pending.has(`${p.file}\0${p.text}`))).toEqual([]);
  });

  it('no command help does (the built CLI, every command in oclif.manifest.json)', async () => {
    const manifest = JSON.parse(readFileSync(path.join(REPO, 'oclif.manifest.json'), 'utf8')) as {commands: Record<string, unknown>};
    const ids = Object.keys(manifest.commands);
    expect(ids.length).toBeGreaterThan(5);
    // oclif wraps help to the terminal whatever COLUMNS says: compare with whitespace folded.
    const fold = (text: string): string => text.replace(/\s+/g, ' ');
    const pendingTexts = PENDING.map((p) => fold(p.text).trim());
    for (const argv of [[], ...ids.map((id) => id.split(':'))]) {
      const result = await runCli([...argv, '--help']);
      expect(result.exitCode, `${argv.join(' ')} --help`).toBe(0);
      const help = pendingTexts.reduce((text, pending) => text.split(pending).join(' '), fold(`${result.stdout} ${result.stderr}`));
      expect(help.match(new RegExp(`.{0,60}(?:${MISSING.source}).{0,20}`, 'g')) ?? [], `${argv.join(' ')} --help`).toEqual([]);
    }
  });
});
