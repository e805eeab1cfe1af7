/**
 * Biomarkers an opinion may report, each with the results it can take, its units, and the cancer
 * types in which its result decides therapy (a change there is major; elsewhere minor). `agnostic`
 * markers decide therapy in every solid tumor (FDA tissue-agnostic approvals). Each one's name, the
 * source of its therapy-deciding types and its FHIR codes are in biomarker-details.ts.
 */
import type { CancerType } from '../cancer-type.js';

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

interface BiomarkerSpec {
  results: readonly BiomarkerResult[];
  /** The units a value may carry; the first is assumed when a value comes without one. */
  units: readonly BiomarkerUnit[];
  decidesTherapyIn: readonly CancerType[];
  agnostic?: true;
}

const PRESENCE = ['mutated', 'wild-type'] as const;
const FUSION = ['fusion', 'no-fusion'] as const;
const SERUM = ['elevated', 'normal'] as const;
/** ER and PR are reported and decide endocrine therapy alike. */
const HORMONE_RECEPTOR = {
  results: ['positive', 'low', 'negative'],
  units: ['%'],
  decidesTherapyIn: ['breast'],
} as const;
/** BRCA1 and BRCA2 decide PARP inhibitor therapy in the same cancers. */
const BRCA = {
  results: PRESENCE,
  units: [],
  decidesTherapyIn: ['breast', 'gynecologic', 'prostate', 'pancreatic'],
} as const;

export const BIOMARKERS = {
  ER: HORMONE_RECEPTOR,
  PR: HORMONE_RECEPTOR,
  HER2: {
    results: ['positive', 'equivocal', 'low', 'negative'],
    units: ['score'],
    decidesTherapyIn: ['breast', 'stomach', 'esophageal', 'colorectal'],
  },
  'Ki-67': { results: ['low', 'high'], units: ['%'], decidesTherapyIn: [] },
  'PD-L1-TPS': { results: ['high', 'low', 'negative'], units: ['%'], decidesTherapyIn: ['lung'] },
  'PD-L1-CPS': {
    results: ['high', 'low', 'negative'],
    units: ['score'],
    decidesTherapyIn: ['stomach', 'esophageal', 'head-and-neck', 'gynecologic', 'breast'],
  },
  EGFR: { results: PRESENCE, units: [], decidesTherapyIn: ['lung'] },
  ALK: { results: FUSION, units: [], decidesTherapyIn: ['lung'] },
  ROS1: { results: FUSION, units: [], decidesTherapyIn: ['lung'] },
  KRAS: { results: PRESENCE, units: [], decidesTherapyIn: ['colorectal'] },
  'KRAS-G12C': { results: PRESENCE, units: [], decidesTherapyIn: ['lung', 'colorectal'] },
  'BRAF-V600E': {
    results: PRESENCE,
    units: [],
    decidesTherapyIn: ['melanoma', 'lung', 'colorectal', 'thyroid', 'brain'],
  },
  BRCA1: BRCA,
  BRCA2: BRCA,
  PIK3CA: { results: PRESENCE, units: [], decidesTherapyIn: ['breast'] },
  RET: { results: ['fusion', 'mutated', 'wild-type'], units: [], decidesTherapyIn: ['lung', 'thyroid'] },
  NTRK: { results: FUSION, units: [], decidesTherapyIn: [], agnostic: true },
  MSI: { results: ['msi-high', 'msi-low', 'stable'], units: [], decidesTherapyIn: [], agnostic: true },
  MMR: { results: ['deficient', 'proficient'], units: [], decidesTherapyIn: [], agnostic: true },
  TMB: { results: ['high', 'low'], units: ['mut/Mb'], decidesTherapyIn: [] },
  IDH1: {
    results: PRESENCE,
    units: [],
    decidesTherapyIn: ['brain', 'leukemia', 'liver', 'gastrointestinal-other'],
  },
  IDH2: { results: PRESENCE, units: [], decidesTherapyIn: ['brain', 'leukemia'] },
  FLT3: { results: PRESENCE, units: [], decidesTherapyIn: ['leukemia'] },
  'BCR-ABL1': { results: FUSION, units: [], decidesTherapyIn: ['leukemia'] },
  MGMT: { results: ['methylated', 'unmethylated'], units: [], decidesTherapyIn: ['brain'] },
  '1p19q': { results: ['codeleted', 'not-codeleted'], units: [], decidesTherapyIn: ['brain'] },
  PSA: { results: SERUM, units: ['ng/mL'], decidesTherapyIn: [] },
  AFP: { results: SERUM, units: ['ng/mL'], decidesTherapyIn: ['testicular'] },
  'beta-hCG': { results: SERUM, units: ['mIU/mL'], decidesTherapyIn: ['testicular'] },
  LDH: { results: SERUM, units: ['U/L'], decidesTherapyIn: ['testicular'] },
  'CA-125': { results: SERUM, units: ['U/mL'], decidesTherapyIn: [] },
  CEA: { results: SERUM, units: ['ng/mL'], decidesTherapyIn: [] },
} as const satisfies Record<string, BiomarkerSpec>;

export type BiomarkerName = keyof typeof BIOMARKERS;
export const BIOMARKER_NAMES = Object.keys(BIOMARKERS) as BiomarkerName[];

export const biomarkerSpec = (name: BiomarkerName): BiomarkerSpec => BIOMARKERS[name];

/** Lymphomas, myeloma and leukemias are not solid tumors: tissue-agnostic approvals exclude them. */
const NOT_SOLID: readonly CancerType[] = ['lymphoma', 'myeloma', 'leukemia'];

/** A change of this biomarker's result changes therapy in this cancer type. */
export function decidesTherapy(name: BiomarkerName, type: CancerType): boolean {
  const spec = biomarkerSpec(name);
  return spec.decidesTherapyIn.includes(type) || (spec.agnostic === true && !NOT_SOLID.includes(type));
}

/** "95 %": the value in its unit (the marker's first unit when none is given), or undefined without one. */
export const biomarkerValueText = (marker: {
  name: BiomarkerName;
  value?: number;
  unit?: BiomarkerUnit;
}): string | undefined =>
  marker.value === undefined
    ? undefined
    : `${marker.value} ${marker.unit ?? biomarkerSpec(marker.name).units[0] ?? ''}`.trim();
