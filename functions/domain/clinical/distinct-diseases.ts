/**
 * Distinct diseases that share one ICD-10-CM category (distinct-disease-table.ts, packed: each entry's
 * codes as the source of its pattern).
 */
import { once } from '../../shared/once.js';
import { unpackJson } from '../../shared/packed-json.js';
import { PACKED_DISTINCT_DISEASES } from './clinical-tables-packed.js';
import type { DistinctDisease } from './distinct-disease-table.js';

const diseases = /* @__PURE__ */ once(() =>
  unpackJson<[string, string][]>(PACKED_DISTINCT_DISEASES).map(([codes, disease]): DistinctDisease => ({
    codes: new RegExp(codes),
    disease,
  })),
);

/** The distinct disease an ICD-10-CM code names, or undefined for a code no entry covers. */
export function distinctDiseaseOf(icd10: string): DistinctDisease | undefined {
  const code = icd10.toUpperCase();
  return diseases().find((candidate) => candidate.codes.test(code));
}
