/**
 * Each biomarker's results, units and the cancer types in which its result decides therapy: the source of
 * the packed table the functions import (clinical-tables-packed.ts, `npm run clinical-tables`); a test keeps
 * the two in step. Read by the generator and the tests, never by a function.
 */
import type { BiomarkerName, BiomarkerSpec } from './biomarkers.js';

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
} as const satisfies Record<BiomarkerName, BiomarkerSpec>;
