import type {Baseline, Filter, PatchListEntry, Rule} from './model.js';
import type {BaselineDocument, PatchFilterDocument} from './schema.js';

/**
 * Written document (PascalCase, optional fields) → the engine's `Baseline`: every default of
 * spec §1.1/§1.4 filled in, every list present, and each filter, rule and list entry keeping
 * its JSON path so decisions can cite `ApprovalRules.PatchRules[0]`.
 *
 * Paths are relative to the baseline object (the `document` of a LoadedBaseline), also
 * when it came from one element of a BaselineOverride array.
 *
 * ApproveAfterDays/ApproveUntilDate are kept as written even on apt OSs, where AWS ignores
 * them (DECISION-7): the engine ignores them there and can say so in its own warnings.
 */
export function normalizeBaseline(doc: BaselineDocument): Baseline {
  return {
    baselineId: doc.BaselineId ?? null,
    name: doc.Name ?? null,
    description: doc.Description ?? null,
    // DECISION-1: the API's default; rules.ts has already warned.
    operatingSystem: doc.OperatingSystem ?? 'WINDOWS',
    globalFilters: toFilters(doc.GlobalFilters?.PatchFilters ?? [], 'GlobalFilters.PatchFilters'),
    rules: (doc.ApprovalRules?.PatchRules ?? []).map((rule, index): Rule => {
      const path = `ApprovalRules.PatchRules[${index}]`;
      return {
        index,
        path,
        filters: toFilters(rule.PatchFilterGroup.PatchFilters, `${path}.PatchFilterGroup.PatchFilters`),
        complianceLevel: rule.ComplianceLevel ?? 'UNSPECIFIED',
        approveAfterDays: rule.ApproveAfterDays ?? null,
        approveUntilDate: rule.ApproveUntilDate ?? null,
        enableNonSecurity: rule.EnableNonSecurity ?? false,
      };
    }),
    approvedPatches: toEntries(doc.ApprovedPatches ?? [], 'ApprovedPatches'),
    approvedPatchesComplianceLevel: doc.ApprovedPatchesComplianceLevel ?? 'UNSPECIFIED',
    approvedPatchesEnableNonSecurity: doc.ApprovedPatchesEnableNonSecurity ?? false,
    rejectedPatches: toEntries(doc.RejectedPatches ?? [], 'RejectedPatches'),
    rejectedPatchesAction: doc.RejectedPatchesAction ?? 'ALLOW_AS_DEPENDENCY',
    sources: (doc.Sources ?? []).map((source) => ({
      name: source.Name,
      products: [...source.Products],
      configuration: source.Configuration,
    })),
    availableSecurityUpdatesComplianceStatus: doc.AvailableSecurityUpdatesComplianceStatus ?? 'COMPLIANT',
  };
}

function toFilters(filters: readonly PatchFilterDocument[], path: string): Filter[] {
  return filters.map((filter, index) => ({key: filter.Key, values: [...filter.Values], path: `${path}[${index}]`}));
}

function toEntries(values: readonly string[], path: string): PatchListEntry[] {
  return values.map((value, index) => ({value, path: `${path}[${index}]`}));
}
