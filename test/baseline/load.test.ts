import fc from 'fast-check';
import {describe, expect, it} from 'vitest';

import {defaultBaselineFor, findJsonSyntaxProblem, loadBaseline, loadPredefinedBaseline, parseBaseline} from '../../src/baseline/load.js';
import {InputError} from '../../src/errors.js';
import {OperatingSystemSchema} from '../../src/inventory/schema.js';
import {canonicalJson, sha256Hex} from '../../src/json/canonical-json.js';
import {inputErrorLine as lineOfAsync} from '../helpers/input-error.js';
import {aDocument} from './support.js';

function lineOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof InputError) return error.line();
    throw error;
  }
  throw new Error('expected an InputError');
}

describe('JSON syntax errors name the file and line:column', () => {
  it.each([
    ['{\n  "Name": "x",\n  "OperatingSystem": \n}', 'b.json:4:1: invalid JSON: expected a value, found "}"'],
    ['{\n  "OperatingSystem": "UBUNTU",\n}', 'b.json:2:30: invalid JSON: trailing comma before "}"'],
    ['{"ApprovedPatches": ["a",]}', 'b.json:1:25: invalid JSON: trailing comma before "]"'],
    ['{\n  "Name": "x"\n  "OperatingSystem": "UBUNTU"\n}', 'b.json:3:3: invalid JSON: expected "," or "}" after a property value, found \'"\''],
    ['{\n  Name: "x"\n}', 'b.json:2:3: invalid JSON: expected a property name in double quotes, found "N"'],
    ['{"Name": "unterminated\n}', 'b.json:1:23: invalid JSON: control character in string (write it as an escape such as \\n)'],
    ['{"Name": "x', 'b.json:1:10: invalid JSON: unterminated string'],
    ['{"Name": "a\\qb"}', 'b.json:1:12: invalid JSON: invalid escape in string'],
    ['{"ApproveAfterDays": 07}', 'b.json:1:23: invalid JSON: expected "," or "}" after a property value, found "7"'],
    ['{"x": tru}', 'b.json:1:7: invalid JSON: expected a value, found "t"'],
    ['', 'b.json:1:1: invalid JSON: expected a value, found end of file'],
    ['{} {}', 'b.json:1:4: invalid JSON: unexpected "{" after the end of the document'],
    ['[1, 2', 'b.json:1:6: invalid JSON: expected "," or "]" after an array element, found end of file'],
    ['{\n  "Name": "a",\n  "Name": "b"\n}', 'b.json:3:3: duplicate key "Name" (JSON parsers disagree on which one counts)'],
  ])('%j', (text, expected) => {
    expect(lineOf(() => parseBaseline(text, 'b.json'))).toBe(expected);
  });

  it('accepts a UTF-8 byte order mark', () => {
    expect(parseBaseline(`\uFEFF${JSON.stringify(aDocument())}`, 'b.json').baseline.name).toBe('test-baseline');
  });

  it('finds no problem in any JSON that JSON.stringify writes', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(findJsonSyntaxProblem(JSON.stringify(value, null, 2) ?? 'null')).toBeNull();
      }),
    );
  });

  it('agrees with JSON.parse on damaged documents (except that it also refuses duplicate keys)', () => {
    const text = JSON.stringify(aDocument({ApprovedPatches: ['a\u00e9\\"b', 'c'], CreatedDate: -1.5e3}), null, 2);
    fc.assert(
      fc.property(fc.nat(text.length - 1), fc.constantFrom('', ',', '}', ']', '"', ':', '\n', 'x', '\\', '0'), (at, insert) => {
        const damaged = text.slice(0, at) + insert + text.slice(at + 1);
        let parses = true;
        try {
          JSON.parse(damaged);
        } catch {
          parses = false;
        }
        const problem = findJsonSyntaxProblem(damaged);
        if (!parses) expect(problem).not.toBeNull();
        if (problem === null) expect(parses).toBe(true);
        else if (parses) expect(problem.message).toMatch(/^duplicate key/);
      }),
      {numRuns: 500},
    );
  });
});

describe('document shapes', () => {
  it('reads `aws ssm get-patch-baseline` output with epoch-second timestamps, ignoring PatchGroups', () => {
    const output = {
      BaselineId: 'pb-0123456789abcdef0',
      Name: 'WindowsPatching',
      OperatingSystem: 'WINDOWS',
      GlobalFilters: {PatchFilters: []},
      ApprovalRules: {
        PatchRules: [
          {
            PatchFilterGroup: {PatchFilters: [{Key: 'PRODUCT', Values: ['WindowsServer2016']}]},
            ComplianceLevel: 'CRITICAL',
            ApproveAfterDays: 0,
            EnableNonSecurity: false,
          },
        ],
      },
      ApprovedPatches: [],
      ApprovedPatchesComplianceLevel: 'UNSPECIFIED',
      ApprovedPatchesEnableNonSecurity: false,
      RejectedPatches: [],
      RejectedPatchesAction: 'ALLOW_AS_DEPENDENCY',
      PatchGroups: ['QA', 'DEV'],
      CreatedDate: 1550244180.465,
      ModifiedDate: 1550244180.465,
      Description: 'Patches for Windows Servers',
      Sources: [],
    };
    const loaded = parseBaseline(JSON.stringify(output, null, 4), 'get.json');
    expect(loaded.warnings).toEqual([]);
    expect(loaded.document).toEqual(output);
    expect(loaded.baseline).toEqual({
      baselineId: 'pb-0123456789abcdef0',
      name: 'WindowsPatching',
      description: 'Patches for Windows Servers',
      operatingSystem: 'WINDOWS',
      globalFilters: [],
      rules: [
        {
          index: 0,
          path: 'ApprovalRules.PatchRules[0]',
          filters: [{key: 'PRODUCT', values: ['WindowsServer2016'], path: 'ApprovalRules.PatchRules[0].PatchFilterGroup.PatchFilters[0]'}],
          complianceLevel: 'CRITICAL',
          approveAfterDays: 0,
          approveUntilDate: null,
          enableNonSecurity: false,
        },
      ],
      approvedPatches: [],
      approvedPatchesComplianceLevel: 'UNSPECIFIED',
      approvedPatchesEnableNonSecurity: false,
      rejectedPatches: [],
      rejectedPatchesAction: 'ALLOW_AS_DEPENDENCY',
      sources: [],
      availableSecurityUpdatesComplianceStatus: 'COMPLIANT',
    });
  });

  it('reads ISO 8601 timestamps and the response envelope', () => {
    const doc = aDocument({
      CreatedDate: '2019-02-15T15:23:00.465000+00:00',
      ModifiedDate: '2019-02-15T15:23:00Z',
      ResponseMetadata: {RequestId: 'abc', HTTPStatusCode: 200},
    });
    expect(parseBaseline(JSON.stringify(doc), 'b.json').warnings).toEqual([]);
  });

  it('reads the CreatePatchBaseline request shape, ignoring Tags and ClientToken', () => {
    const request = {
      Name: 'AmazonLinux2023-Prod',
      OperatingSystem: 'AMAZON_LINUX_2023',
      Description: 'Security updates after a week',
      ApprovalRules: {
        PatchRules: [
          {
            PatchFilterGroup: {PatchFilters: [{Key: 'CLASSIFICATION', Values: ['Security']}, {Key: 'SEVERITY', Values: ['Critical', 'Important']}]},
            ComplianceLevel: 'HIGH',
            ApproveUntilDate: '2025-06-30',
          },
        ],
      },
      RejectedPatches: ['kernel*'],
      RejectedPatchesAction: 'BLOCK',
      Sources: [{Name: 'internal', Products: ['AmazonLinux2023'], Configuration: '[internal]\nbaseurl=https://repo.example.com/al2023/'}],
      ClientToken: '3bf1a4b5-1111-2222-3333-444455556666',
      Tags: [{Key: 'Environment', Value: 'Production'}],
    };
    const loaded = parseBaseline(JSON.stringify(request), 'create.json');
    expect(loaded.warnings).toEqual([]);
    expect(loaded.baseline.rules[0]).toMatchObject({complianceLevel: 'HIGH', approveAfterDays: null, approveUntilDate: '2025-06-30'});
    expect(loaded.baseline.rejectedPatches).toEqual([{value: 'kernel*', path: 'RejectedPatches[0]'}]);
    expect(loaded.baseline.rejectedPatchesAction).toBe('BLOCK');
    expect(loaded.baseline.sources).toEqual([
      {name: 'internal', products: ['AmazonLinux2023'], configuration: '[internal]\nbaseurl=https://repo.example.com/al2023/'},
    ]);
  });

  it('fills every default of spec §1.1 and §1.4', () => {
    const loaded = parseBaseline(
      JSON.stringify({OperatingSystem: 'DEBIAN', ApprovalRules: {PatchRules: [{PatchFilterGroup: {PatchFilters: []}}]}, ApprovedPatches: ['openssl']}),
      'b.json',
    );
    expect(loaded.baseline).toEqual({
      baselineId: null,
      name: null,
      description: null,
      operatingSystem: 'DEBIAN',
      globalFilters: [],
      rules: [
        {index: 0, path: 'ApprovalRules.PatchRules[0]', filters: [], complianceLevel: 'UNSPECIFIED', approveAfterDays: null, approveUntilDate: null, enableNonSecurity: false},
      ],
      approvedPatches: [{value: 'openssl', path: 'ApprovedPatches[0]'}],
      approvedPatchesComplianceLevel: 'UNSPECIFIED',
      approvedPatchesEnableNonSecurity: false,
      rejectedPatches: [],
      rejectedPatchesAction: 'ALLOW_AS_DEPENDENCY',
      sources: [],
      availableSecurityUpdatesComplianceStatus: 'COMPLIANT',
    });
  });

  describe('BaselineOverride (a JSON array of get-patch-baseline outputs)', () => {
    const ubuntu = {OperatingSystem: 'UBUNTU', ApprovalRules: {PatchRules: [{PatchFilterGroup: {PatchFilters: [{Key: 'PRIORITY', Values: ['Required']}]}}]}};
    const al2023 = aDocument();

    it('reads an array of one; the document is the element, warning and error paths start with [0]', () => {
      const loaded = parseBaseline(JSON.stringify([{...ubuntu, ApprovedPatches: ['1.2.3']}]), 'override.json');
      expect(loaded.document).toEqual({...ubuntu, ApprovedPatches: ['1.2.3']});
      expect(loaded.baseline.rules[0]?.path).toBe('ApprovalRules.PatchRules[0]');
      expect(loaded.warnings).toEqual([
        {path: '[0].ApprovedPatches[0]', message: '"1.2.3" names only a version: it matches every package with that version'},
      ]);
      expect(lineOf(() => parseBaseline(JSON.stringify([{...ubuntu, RejectedPatchesAction: 'DENY'}]), 'override.json'))).toBe(
        'override.json: [0].RejectedPatchesAction: must be one of ALLOW_AS_DEPENDENCY, BLOCK (found "DENY")',
      );
    });

    it('refuses an empty array and an array of several without a node OS', () => {
      expect(lineOf(() => parseBaseline('[]', 'override.json'))).toBe('override.json: the BaselineOverride array is empty; it must hold one baseline');
      expect(lineOf(() => parseBaseline(JSON.stringify([ubuntu, al2023]), 'override.json'))).toBe(
        'override.json: the BaselineOverride array holds 2 baselines; patchplan reads exactly one',
      );
    });

    it('picks the entry for the node OS when several are given, as AWS does', () => {
      const text = JSON.stringify([ubuntu, al2023]);
      const loaded = parseBaseline(text, 'override.json', {operatingSystem: 'AMAZON_LINUX_2023'});
      expect(loaded.document).toEqual(al2023);
      expect(lineOf(() => parseBaseline(text, 'override.json', {operatingSystem: 'DEBIAN'}))).toBe(
        'override.json: the BaselineOverride array holds no baseline for DEBIAN',
      );
      expect(lineOf(() => parseBaseline(JSON.stringify([ubuntu, ubuntu]), 'override.json', {operatingSystem: 'UBUNTU'}))).toBe(
        'override.json: the BaselineOverride array holds 2 baselines for UBUNTU; it must hold one per OS',
      );
    });

    it('refuses an element that is not an object', () => {
      expect(lineOf(() => parseBaseline('[[]]', 'override.json'))).toBe(
        'override.json: [0]: must be a JSON object in the shape `aws ssm get-patch-baseline` prints',
      );
    });
  });
});

describe('sha256', () => {
  it('is the hex SHA-256 of the canonical JSON of the document, whatever the layout and key order', () => {
    const doc = aDocument();
    const compact = parseBaseline(JSON.stringify(doc), 'a.json');
    const reordered = Object.fromEntries(Object.entries(doc).reverse());
    const pretty = parseBaseline(JSON.stringify(reordered, null, 8), 'b.json');
    expect(compact.sha256).toBe(sha256Hex(canonicalJson(doc)));
    expect(pretty.sha256).toBe(compact.sha256);
    expect(compact.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes when any value changes', () => {
    const a = parseBaseline(JSON.stringify(aDocument()), 'a.json');
    const b = parseBaseline(JSON.stringify(aDocument({Name: 'test-baseline2'})), 'a.json');
    expect(a.sha256).not.toBe(b.sha256);
  });
});

describe('loadBaseline / loadPredefinedBaseline / defaultBaselineFor', () => {
  const files: Record<string, string> = {
    'custom.json': JSON.stringify(aDocument()),
    './AWS-UbuntuDefaultPatchBaseline': JSON.stringify(aDocument({Name: 'local-copy'})),
  };
  const reader = {
    readText: async (file: string): Promise<string> => {
      const text = files[file];
      if (text === undefined) throw new InputError(file, 'cannot read: no such file');
      return text;
    },
    status: async (file: string) => {
      const text = files[file];
      return text === undefined ? null : {kind: 'file' as const, size: Buffer.byteLength(text), mode: 0o644, uid: 0};
    },
  };

  it('loads a built-in by name, without reading files', async () => {
    const loaded = await loadBaseline('AWS-UbuntuDefaultPatchBaseline', reader);
    expect(loaded.source).toBe('AWS-UbuntuDefaultPatchBaseline');
    expect(loaded.baseline.operatingSystem).toBe('UBUNTU');
  });

  it('loads a file otherwise, with the path as source', async () => {
    const loaded = await loadBaseline('custom.json', reader);
    expect(loaded.source).toBe('custom.json');
    expect(loaded.baseline.name).toBe('test-baseline');
    expect((await loadBaseline('./AWS-UbuntuDefaultPatchBaseline', reader)).baseline.name).toBe('local-copy');
    expect(await lineOfAsync(() => loadBaseline('missing.json', reader))).toBe('missing.json: cannot read: no such file');
  });

  it('names unknown built-ins and explains ARNs', async () => {
    expect(await lineOfAsync(() => loadBaseline('AWS-UbuntuDefaultPatchBasline', reader))).toBe(
      'AWS-UbuntuDefaultPatchBasline: unknown predefined baseline (see `patchplan baseline list`)',
    );
    const arn = 'arn:aws:ssm:us-east-2:733109147000:patchbaseline/pb-0e392de35e7c563b7';
    expect(await lineOfAsync(() => loadBaseline(arn, reader))).toBe(
      `${arn}: AWS-owned baseline ARNs differ per region and are not shipped; use the baseline name (see \`patchplan baseline list\`) or save \`aws ssm get-patch-baseline\` output to a file`,
    );
  });

  it('accepts the alias AWS-RaspbianDefaultPatchBaseline', () => {
    expect(loadPredefinedBaseline('AWS-RaspbianDefaultPatchBaseline').source).toBe('AWS-DefaultRaspbianPatchBaseline');
  });

  it('has a default baseline for every OperatingSystem, for that OS', () => {
    for (const os of OperatingSystemSchema.options) {
      expect(loadPredefinedBaseline(defaultBaselineFor(os)).baseline.operatingSystem).toBe(os);
    }
    expect(defaultBaselineFor('WINDOWS')).toBe('AWS-DefaultPatchBaseline');
    expect(defaultBaselineFor('RASPBIAN')).toBe('AWS-DefaultRaspbianPatchBaseline');
  });
});

describe('JSON that no baseline can hold is an input error with line:column, never a crash', () => {
  it.each([
    ['{"ApprovalRules": {"PatchRules": [{"ApproveAfterDays": 1e400}]}}', 'b.json:1:56: invalid JSON: number out of range (it would be infinite)'],
    [`{"Name": ${'['.repeat(70)}${']'.repeat(70)}}`, 'b.json:1:73: invalid JSON: nesting deeper than 64 levels'],
    [`{"Name": ${'['.repeat(5000)}`, 'b.json:1:73: invalid JSON: nesting deeper than 64 levels'],
    [`{"Name": "${'x'.repeat(70_000)}"}`, 'b.json:1:10: invalid JSON: string longer than 65,536 characters'],
  ])('%#', (text, line) => {
    expect(lineOf(() => parseBaseline(text, 'b.json'))).toBe(line);
  });
});
