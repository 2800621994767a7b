import {readFileSync} from 'node:fs';

import {describe, expect, it} from 'vitest';

import {InputError, PatchplanError} from '../../src/errors.js';
import {InventorySchema} from '../../src/inventory/schema.js';
import {canonicalJson, sha256Hex} from '../../src/json/canonical-json.js';
import {parsePlanText, PLAN_FILE_MODE} from '../../src/plan/file.js';
import {makePlan, type MakePlanDeps, type MakePlanOptions} from '../../src/services/make-plan.js';
import {showPlan} from '../../src/services/show-plan.js';
import type {FileSystem} from '../../src/system/fs.js';

/**
 * The plan service in process, with an in-memory file system, a fixed clock and a fake
 * downloader: what the built-CLI tests cannot reach (https lists, which clock is used where).
 */

const CLOCK = new Date('2026-11-24T08:30:00Z');
const INVENTORY = 'inventory.json';

function fakeDeps(files: Record<string, string> = {}, httpGetText?: (url: string) => Promise<string>) {
  const store = new Map(Object.entries({[INVENTORY]: readFileSync('fixtures/inventories/debian-12.json', 'utf8'), ...files}));
  const writes: {file: string; mode: number}[] = [];
  const fs: FileSystem = {
    readText: async (file) => {
      const text = store.get(file);
      if (text === undefined) throw new InputError(file, 'cannot read: no such file');
      return text;
    },
    writeAtomic: async (file, data, mode) => {
      writes.push({file, mode});
      store.set(file, data);
    },
    exists: async (file) => store.has(file),
    writeNew: async () => {
      throw new Error('plan never creates key files');
    },
    kind: async (file) => (store.has(file) ? 'file' : 'missing'),
    list: async () => [],
    // The plan file as apply leaves it (0600, this user's); every other path a root-owned 0755 directory.
    status: async (file) =>
      store.has(file) ? {kind: 'file', size: 0, mode: 0o600, uid: process.getuid?.() ?? 0} : {kind: 'directory', size: 0, mode: 0o755, uid: 0},
    realPath: async (file) => file,
  };
  const deps: MakePlanDeps = {clock: {now: () => CLOCK}, fs, ...(httpGetText ? {httpGetText} : {})};
  return {deps, writes, store};
}

const options: MakePlanOptions = {inventoryFile: INVENTORY, rebootOption: 'RebootIfNeeded', toolVersion: '9.9.9'};

async function errorLine(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof PatchplanError) return error.line();
    throw error;
  }
  throw new Error('expected an error');
}

describe('makePlan', () => {
  it('prints each baseline warning once: the loader says it, the engine does not say it again in other words', async () => {
    const baseline = JSON.stringify({
      Name: 'deb-test',
      OperatingSystem: 'DEBIAN',
      ApprovalRules: {PatchRules: [{PatchFilterGroup: {PatchFilters: [{Key: 'PRIORITY', Values: ['Required']}, {Key: 'NAME', Values: ['bash']}]}, ApproveAfterDays: 7}]},
      ApprovedPatches: ['1.2-1'],
      RejectedPatches: ['CVE-2024-1234'],
    });
    const {deps} = fakeDeps({'b.json': baseline});
    const {plan} = await makePlan({...options, baselineRef: 'b.json', lenient: true}, deps);
    expect(plan.warnings).toEqual([
      'b.json: ApprovalRules.PatchRules[0].PatchFilterGroup.PatchFilters[1].Key: NAME is not a baseline filter key for DEBIAN; --lenient accepts it, but apt evaluates only PRODUCT, PRIORITY, SECTION, so it is ignored',
      'b.json: ApprovalRules.PatchRules[0].ApproveAfterDays: ignored on DEBIAN: apt repositories carry no release dates, so the rule approves at once',
      'b.json: ApprovedPatches[0]: "1.2-1" names only a version: it matches every package with that version',
      'b.json: RejectedPatches[0]: "CVE-2024-1234" looks like an advisory or CVE id; apt lists match package names and versions only, so it matches nothing',
    ]);
  });

  it('names the node by its root, once, when the baseline is for another OS', async () => {
    const {deps} = fakeDeps();
    const inventory = JSON.parse(readFileSync('fixtures/inventories/debian-12.json', 'utf8')) as {node: {root: string}};
    inventory.node.root = '/';
    const live: MakePlanDeps = {...deps, collectLive: async () => inventory as never};
    const line = await errorLine(makePlan({rebootOption: 'RebootIfNeeded', toolVersion: '9.9.9', baselineRef: 'AWS-UbuntuDefaultPatchBaseline'}, live));
    expect(line).toBe('AWS-UbuntuDefaultPatchBaseline: the baseline is for UBUNTU but the node at / runs DEBIAN');
  });

  it('evaluates as of the clock unless --now is given, and stamps createdAt from the clock', async () => {
    const {deps} = fakeDeps();
    const byClock = await makePlan(options, deps);
    expect(byClock.plan.options.now).toBe(CLOCK.toISOString());
    expect(byClock.plan.createdAt).toBe(CLOCK.toISOString());
    expect(byClock.plan.tool).toEqual({name: 'patchplan', version: '9.9.9'});
    const given = await makePlan({...options, now: new Date('2026-01-01T00:00:00Z')}, deps);
    expect(given.plan.options.now).toBe('2026-01-01T00:00:00.000Z');
    expect(given.plan.createdAt).toBe(CLOCK.toISOString());
  });

  it('returns exit code 2 only under --detailed-exitcode with something to install', async () => {
    const {deps} = fakeDeps();
    expect((await makePlan(options, deps)).exitCode).toBe(0);
    expect((await makePlan({...options, detailedExitCode: true}, deps)).exitCode).toBe(2);
  });

  it('records the baseline hash as the SHA-256 of the canonical JSON of the recorded document', async () => {
    const {plan} = await makePlan(options, fakeDeps().deps);
    expect(plan.baseline.sha256).toBe(sha256Hex(canonicalJson(plan.baseline.document)));
  });

  it('writes the plan file through writeAtomic with mode 0600, and show reads it back', async () => {
    const {deps, writes, store} = fakeDeps();
    const {plan} = await makePlan({...options, outFile: 'out/plan.json'}, deps);
    expect(writes).toEqual([{file: 'out/plan.json', mode: PLAN_FILE_MODE}]);
    expect(parsePlanText(store.get('out/plan.json') ?? '', 'out/plan.json')).toEqual(plan);
    expect((await showPlan({planFile: 'out/plan.json'}, deps)).plan).toEqual(plan);
  });

  it('downloads an https:// override list and records the URL and the hash of what it got', async () => {
    const list = "patches:\n  - id: 'sudo'\n";
    const urls: string[] = [];
    const {deps} = fakeDeps({}, async (url) => {
      urls.push(url);
      return list;
    });
    const url = 'https://lists.example.com/web-01.yaml';
    const {plan} = await makePlan({...options, installOverrideListRef: url}, deps);
    expect(urls).toEqual([url]);
    expect(plan.options.installOverrideList).toEqual({source: url, sha256: sha256Hex(list)});
    expect(plan.decisions.filter((d) => d.action === 'install' && d.reason.code === 'install-override-list').map((d) => d.name)).toEqual(['sudo']);
  });

  it('refuses an https:// list when no downloader is available', async () => {
    expect(await errorLine(makePlan({...options, installOverrideListRef: 'https://x.example/l.yaml'}, fakeDeps().deps))).toBe(
      'https://x.example/l.yaml: downloading is not available here; pass the file',
    );
  });

  it('reports an override list error with its file', async () => {
    const {deps} = fakeDeps({'list.yaml': 'patches:\n  - title: x\n'});
    expect(await errorLine(makePlan({...options, installOverrideListRef: 'list.yaml'}, deps))).toMatch(/^list\.yaml:\d+:\d+: patches\[0\]\.id: /);
  });

  it('refuses --root that contradicts the inventory file', async () => {
    expect(await errorLine(makePlan({...options, root: '/mnt/image'}, fakeDeps().deps))).toBe(
      '--root: /mnt/image does not match the inventory file, which was collected from /',
    );
    expect((await makePlan({...options, root: '/', manager: 'apt'}, fakeDeps().deps)).plan.node.root).toBe('/');
  });

  it('lists not-installed packages with an approved version only under --show-not-applicable', async () => {
    const inventory = JSON.parse(readFileSync('fixtures/inventories/debian-12.json', 'utf8')) as {
      packages: {name: string; installedVersion: string | null}[];
    };
    const server = inventory.packages.find((p) => p.name === 'openssh-server');
    if (server) server.installedVersion = null;
    const {deps} = fakeDeps({[INVENTORY]: JSON.stringify(inventory)});
    const hidden = await makePlan(options, deps);
    expect(hidden.plan.decisions.some((d) => d.name === 'openssh-server')).toBe(false);
    expect(hidden.plan.options.showNotApplicable).toBe(false);
    const shown = await makePlan({...options, showNotApplicable: true}, deps);
    expect(shown.plan.options.showNotApplicable).toBe(true);
    expect(shown.plan.decisions.find((d) => d.name === 'openssh-server')).toMatchObject({action: 'skip', state: 'NOT_APPLICABLE'});
  });

  it('warns about the traps of an --inventory file first among the plan\'s warnings, and returns them for stderr; never for live collection', async () => {
    const inventory = JSON.parse(readFileSync('fixtures/inventories/amazon-linux-2023.json', 'utf8')) as {
      node: {manager: string};
      advisories: {selfReferences?: string[]}[];
    };
    for (const advisory of inventory.advisories) delete advisory.selfReferences;
    const {deps} = fakeDeps({[INVENTORY]: JSON.stringify(inventory)});
    const fromFile = await makePlan(options, deps);
    expect(fromFile.inventoryWarnings).toEqual([expect.stringMatching(/^inventory\.json: none of the \d+ advisories has selfReferences, .*: write "selfReferences": \[/)]);
    expect(fromFile.plan.warnings[0]).toBe(fromFile.inventoryWarnings[0]);

    const parsed = InventorySchema.parse(inventory);
    const live = await makePlan({rebootOption: 'RebootIfNeeded', toolVersion: '9.9.9'}, {...deps, collectLive: async () => parsed});
    expect(live.inventoryWarnings).toEqual([]);
    expect(live.plan.warnings.some((w) => w.includes('selfReferences'))).toBe(false);
  });
});
