/**
 * Biomarkers an opinion may report, each with the results it can take, its units, and the cancer
 * types in which its result decides therapy (a change there is major; elsewhere minor). `agnostic`
 * markers decide therapy in every solid tumor (FDA tissue-agnostic approvals). The table is in
 * biomarker-table.ts and comes packed; each one's name is in term-tables.ts, the source of its
 * therapy-deciding types in citations.ts, its FHIR codes in biomarker-codes.ts.
 */
import type { CancerType } from '../cancer-type.js';
import { once } from '../../shared/once.js';
import { unpackJson } from '../../shared/packed-json.js';
import { PACKED_BIOMARKER_DEFAULT_UNITS, PACKED_BIOMARKER_SPECS } from './clinical-tables-packed.js';

export const BIOMARKER_RESULTS = [
  'positive',
  'negative',
  'equivocal',
  'low',
  'high',
  'mutated',
  'wild-type',
  'fusion',
  'no-fusion',
  'deficient',
  'proficient',
  'msi-high',
  'msi-low',
  'stable',
  'methylated',
  'unmethylated',
  'codeleted',
  'not-codeleted',
  'elevated',
  'normal',
] as const;
export type BiomarkerResult = (typeof BIOMARKER_RESULTS)[number];

/** How a value is expressed: percent of cells, a score, a serum concentration. */
export const BIOMARKER_UNITS = ['%', 'score', 'ng/mL', 'U/mL', 'U/L', 'mIU/mL', 'mut/Mb'] as const;
export type BiomarkerUnit = (typeof BIOMARKER_UNITS)[number];

export interface BiomarkerSpec {
  results: readonly BiomarkerResult[];
  /** The units a value may carry; the first is assumed when a value comes without one. */
  units: readonly BiomarkerUnit[];
  decidesTherapyIn: readonly CancerType[];
  agnostic?: true;
}

export const BIOMARKER_NAMES = [
  'ER',
  'PR',
  'HER2',
  'Ki-67',
  'PD-L1-TPS',
  'PD-L1-CPS',
  'EGFR',
  'ALK',
  'ROS1',
  'KRAS',
  'KRAS-G12C',
  'BRAF-V600E',
  'BRCA1',
  'BRCA2',
  'PIK3CA',
  'RET',
  'NTRK',
  'MSI',
  'MMR',
  'TMB',
  'IDH1',
  'IDH2',
  'FLT3',
  'BCR-ABL1',
  'MGMT',
  '1p19q',
  'PSA',
  'AFP',
  'beta-hCG',
  'LDH',
  'CA-125',
  'CEA',
] as const;
export type BiomarkerName = (typeof BIOMARKER_NAMES)[number];

const specs = /* @__PURE__ */ once(() =>
  unpackJson<Readonly<Record<BiomarkerName, BiomarkerSpec>>>(PACKED_BIOMARKER_SPECS),
);

/** The biomarker's results, units and therapy-deciding types (biomarker-table.ts), unpacked on first use. */
export const biomarkerSpec = (name: BiomarkerName): BiomarkerSpec => specs()[name];

/** Lymphomas, myeloma and leukemias are not solid tumors: tissue-agnostic approvals exclude them. */
const NOT_SOLID: readonly CancerType[] = ['lymphoma', 'myeloma', 'leukemia'];

/** A change of this biomarker's result changes therapy in this cancer type. */
export function decidesTherapy(name: BiomarkerName, type: CancerType): boolean {
  const spec = biomarkerSpec(name);
  return spec.decidesTherapyIn.includes(type) || (spec.agnostic === true && !NOT_SOLID.includes(type));
}

/** Each marker's first unit, for those that have one (derived from the table; pages need no more of it). */
const defaultUnits = /* @__PURE__ */ once(() =>
  unpackJson<Readonly<Partial<Record<BiomarkerName, BiomarkerUnit>>>>(PACKED_BIOMARKER_DEFAULT_UNITS),
);

/** "95 %": the value in its unit (the marker's first unit when none is given), or undefined without one. */
export const biomarkerValueText = (marker: {
  name: BiomarkerName;
  value?: number;
  unit?: BiomarkerUnit;
}): string | undefined =>
  marker.value === undefined
    ? undefined
    : `${marker.value} ${marker.unit ?? defaultUnits()[marker.name] ?? ''}`.trim();
