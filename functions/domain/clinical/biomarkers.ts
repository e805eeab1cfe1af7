/**
 * Biomarkers an opinion may report, each with the results it can take, its units, and the cancer
 * types in which its result decides therapy (a change there is major; elsewhere minor). `agnostic`
 * markers decide therapy in every solid tumor (FDA tissue-agnostic approvals). `loinc` and `hgnc`
 * are the codes used when the case is exported as FHIR (LOINC codes from mCODE's TumorMarkerTestVS;
 * HGNC gene ids for genomic variants).
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
  label: string;
  results: readonly BiomarkerResult[];
  /** The units a value may carry; the first is assumed when a value comes without one. */
  units: readonly BiomarkerUnit[];
  decidesTherapyIn: readonly CancerType[];
  agnostic?: true;
  source: string;
  loinc?: { code: string; display: string };
  /** A gene variant: exported as an mCODE GenomicVariant, with the HGNC id and the protein change if one. */
  gene?: { symbol: string; hgnc?: string; aminoAcidChange?: string };
}

const PRESENCE = ['mutated', 'wild-type'] as const;
const FUSION = ['fusion', 'no-fusion'] as const;
const SERUM = ['elevated', 'normal'] as const;
/** ER and PR are reported and decide endocrine therapy alike. */
const HORMONE_RECEPTOR = {
  results: ['positive', 'low', 'negative'],
  units: ['%'],
  decidesTherapyIn: ['breast'],
  source: 'NCCN Breast Cancer; ASCO/CAP ER/PR testing guideline (Allison et al., JCO 2020)',
} as const;
/** BRCA1 and BRCA2 decide PARP inhibitor therapy in the same cancers. */
const BRCA = {
  results: PRESENCE,
  units: [],
  decidesTherapyIn: ['breast', 'gynecologic', 'prostate', 'pancreatic'],
  source:
    'NCCN Breast, Ovarian, Prostate and Pancreatic Cancer (PARP inhibitors; OlympiA, SOLO-1, PROfound, POLO)',
} as const;
const TESTICULAR_MARKER_SOURCE =
  'AJCC 8th ed., chapter 59 (S category); IGCCCG risk classification (JCO 1997); NCCN Testicular Cancer';

export const BIOMARKERS = {
  ER: {
    label: 'estrogen receptor (ER)',
    ...HORMONE_RECEPTOR,
    loinc: { code: '16112-5', display: 'Estrogen receptor [Interpretation] in Tissue' },
  },
  PR: {
    label: 'progesterone receptor (PR)',
    ...HORMONE_RECEPTOR,
    loinc: { code: '16113-3', display: 'Progesterone receptor [Interpretation] in Tissue' },
  },
  HER2: {
    label: 'HER2',
    results: ['positive', 'equivocal', 'low', 'negative'],
    units: ['score'],
    decidesTherapyIn: ['breast', 'stomach', 'esophageal', 'colorectal'],
    source:
      'ASCO/CAP HER2 testing guideline (Wolff et al., JCO 2018, 2023 update); NCCN Breast, Gastric, Esophageal and Colon Cancer',
    loinc: { code: '48676-1', display: 'HER2 [Interpretation] in Tissue' },
  },
  'Ki-67': {
    label: 'Ki-67 proliferation index',
    results: ['low', 'high'],
    units: ['%'],
    decidesTherapyIn: [],
    source: 'International Ki67 in Breast Cancer Working Group (Nielsen et al., JNCI 2021): prognostic',
  },
  'PD-L1-TPS': {
    label: 'PD-L1 tumor proportion score',
    results: ['high', 'low', 'negative'],
    units: ['%'],
    decidesTherapyIn: ['lung'],
    source: 'NCCN Non-Small Cell Lung Cancer (TPS of 50% or more: immunotherapy alone)',
    loinc: {
      code: '83053-9',
      display: 'Cells.programmed cell death ligand 1/100 viable tumor cells in Tissue by Immune stain',
    },
  },
  'PD-L1-CPS': {
    label: 'PD-L1 combined positive score',
    results: ['high', 'low', 'negative'],
    units: ['score'],
    decidesTherapyIn: ['stomach', 'esophageal', 'head-and-neck', 'gynecologic', 'breast'],
    source:
      'NCCN Gastric, Esophageal, Head and Neck, Cervical and Breast Cancer (pembrolizumab by CPS threshold)',
  },
  EGFR: {
    label: 'EGFR mutation',
    results: PRESENCE,
    units: [],
    decidesTherapyIn: ['lung'],
    source: 'NCCN Non-Small Cell Lung Cancer (biomarker testing; EGFR tyrosine kinase inhibitors)',
    gene: { symbol: 'EGFR', hgnc: 'HGNC:3236' },
  },
  ALK: {
    label: 'ALK rearrangement',
    results: FUSION,
    units: [],
    decidesTherapyIn: ['lung'],
    source: 'NCCN Non-Small Cell Lung Cancer (ALK inhibitors)',
    gene: { symbol: 'ALK', hgnc: 'HGNC:427' },
  },
  ROS1: {
    label: 'ROS1 rearrangement',
    results: FUSION,
    units: [],
    decidesTherapyIn: ['lung'],
    source: 'NCCN Non-Small Cell Lung Cancer (ROS1 inhibitors)',
    gene: { symbol: 'ROS1', hgnc: 'HGNC:10261' },
  },
  KRAS: {
    label: 'KRAS mutation',
    results: PRESENCE,
    units: [],
    decidesTherapyIn: ['colorectal'],
    source: 'NCCN Colon and Rectal Cancer (anti-EGFR antibodies only for RAS wild-type disease)',
    gene: { symbol: 'KRAS', hgnc: 'HGNC:6407' },
  },
  'KRAS-G12C': {
    label: 'KRAS G12C mutation',
    results: PRESENCE,
    units: [],
    decidesTherapyIn: ['lung', 'colorectal'],
    source: 'NCCN Non-Small Cell Lung Cancer and Colon Cancer (sotorasib, adagrasib)',
    gene: { symbol: 'KRAS', hgnc: 'HGNC:6407', aminoAcidChange: 'p.G12C' },
  },
  'BRAF-V600E': {
    label: 'BRAF V600E mutation',
    results: PRESENCE,
    units: [],
    decidesTherapyIn: ['melanoma', 'lung', 'colorectal', 'thyroid', 'brain'],
    source: 'NCCN Melanoma, NSCLC, Colon, Thyroid and CNS Cancers (BRAF/MEK inhibitors)',
    gene: { symbol: 'BRAF', hgnc: 'HGNC:1097', aminoAcidChange: 'p.V600E' },
  },
  BRCA1: { label: 'BRCA1 pathogenic variant', ...BRCA, gene: { symbol: 'BRCA1', hgnc: 'HGNC:1100' } },
  BRCA2: { label: 'BRCA2 pathogenic variant', ...BRCA, gene: { symbol: 'BRCA2', hgnc: 'HGNC:1101' } },
  PIK3CA: {
    label: 'PIK3CA mutation',
    results: PRESENCE,
    units: [],
    decidesTherapyIn: ['breast'],
    source: 'NCCN Breast Cancer (PI3K inhibitors in hormone receptor-positive disease)',
    gene: { symbol: 'PIK3CA', hgnc: 'HGNC:8975' },
  },
  RET: {
    label: 'RET fusion or mutation',
    results: ['fusion', 'mutated', 'wild-type'],
    units: [],
    decidesTherapyIn: ['lung', 'thyroid'],
    source: 'NCCN Non-Small Cell Lung Cancer and Thyroid Carcinoma (selective RET inhibitors)',
    gene: { symbol: 'RET', hgnc: 'HGNC:9967' },
  },
  NTRK: {
    label: 'NTRK fusion',
    results: FUSION,
    units: [],
    decidesTherapyIn: [],
    agnostic: true,
    source: 'FDA tissue-agnostic approvals of larotrectinib (2018) and entrectinib (2019)',
    gene: { symbol: 'NTRK' },
  },
  MSI: {
    label: 'microsatellite instability',
    results: ['msi-high', 'msi-low', 'stable'],
    units: [],
    decidesTherapyIn: [],
    agnostic: true,
    source: 'FDA tissue-agnostic approval of pembrolizumab for MSI-H/dMMR tumors (2017); NCCN Colon Cancer',
  },
  MMR: {
    label: 'mismatch repair protein expression',
    results: ['deficient', 'proficient'],
    units: [],
    decidesTherapyIn: [],
    agnostic: true,
    source: 'FDA tissue-agnostic approval of pembrolizumab for MSI-H/dMMR tumors (2017); NCCN Colon Cancer',
  },
  TMB: {
    label: 'tumor mutational burden',
    results: ['high', 'low'],
    units: ['mut/Mb'],
    decidesTherapyIn: [],
    source: 'FDA approval of pembrolizumab for TMB-high tumors without satisfactory alternatives (2020)',
  },
  IDH1: {
    label: 'IDH1 mutation',
    results: PRESENCE,
    units: [],
    decidesTherapyIn: ['brain', 'leukemia', 'liver', 'gastrointestinal-other'],
    source: 'WHO CNS5 (2021); NCCN CNS Cancers, AML and Biliary Tract Cancers (IDH inhibitors)',
    gene: { symbol: 'IDH1', hgnc: 'HGNC:5382' },
  },
  IDH2: {
    label: 'IDH2 mutation',
    results: PRESENCE,
    units: [],
    decidesTherapyIn: ['brain', 'leukemia'],
    source: 'WHO CNS5 (2021); NCCN CNS Cancers and AML (IDH inhibitors)',
    gene: { symbol: 'IDH2', hgnc: 'HGNC:5383' },
  },
  FLT3: {
    label: 'FLT3 mutation',
    results: PRESENCE,
    units: [],
    decidesTherapyIn: ['leukemia'],
    source: 'NCCN Acute Myeloid Leukemia (FLT3 inhibitors)',
    gene: { symbol: 'FLT3', hgnc: 'HGNC:3765' },
  },
  'BCR-ABL1': {
    label: 'BCR-ABL1 fusion',
    results: FUSION,
    units: [],
    decidesTherapyIn: ['leukemia'],
    source: 'NCCN Chronic Myeloid Leukemia and Acute Lymphoblastic Leukemia (tyrosine kinase inhibitors)',
    gene: { symbol: 'BCR::ABL1' },
  },
  MGMT: {
    label: 'MGMT promoter methylation',
    results: ['methylated', 'unmethylated'],
    units: [],
    decidesTherapyIn: ['brain'],
    source: 'NCCN Central Nervous System Cancers (temozolomide in glioblastoma)',
  },
  '1p19q': {
    label: '1p/19q codeletion',
    results: ['codeleted', 'not-codeleted'],
    units: [],
    decidesTherapyIn: ['brain'],
    source: 'WHO CNS5 (2021): defines oligodendroglioma; NCCN CNS Cancers (PCV with radiation)',
  },
  PSA: {
    label: 'prostate-specific antigen (PSA)',
    results: SERUM,
    units: ['ng/mL'],
    decidesTherapyIn: [],
    source: 'AJCC 8th ed., chapter 58: PSA enters the prostate stage group, which is graded on its own',
    loinc: { code: '2857-1', display: 'Prostate specific Ag [Mass/volume] in Serum or Plasma' },
  },
  AFP: {
    label: 'alpha-fetoprotein (AFP)',
    results: SERUM,
    units: ['ng/mL'],
    decidesTherapyIn: ['testicular'],
    source: TESTICULAR_MARKER_SOURCE,
    loinc: { code: '1834-1', display: 'Alpha-1-Fetoprotein [Mass/volume] in Serum or Plasma' },
  },
  'beta-hCG': {
    label: 'beta human chorionic gonadotropin (beta-hCG)',
    results: SERUM,
    units: ['mIU/mL'],
    decidesTherapyIn: ['testicular'],
    source: TESTICULAR_MARKER_SOURCE,
  },
  LDH: {
    label: 'lactate dehydrogenase (LDH)',
    results: SERUM,
    units: ['U/L'],
    decidesTherapyIn: ['testicular'],
    source: TESTICULAR_MARKER_SOURCE,
  },
  'CA-125': {
    label: 'cancer antigen 125 (CA-125)',
    results: SERUM,
    units: ['U/mL'],
    decidesTherapyIn: [],
    source: 'NCCN Ovarian Cancer: CA-125 follows response; it does not choose therapy',
    loinc: { code: '10334-1', display: 'Cancer Ag 125 [Units/volume] in Serum or Plasma' },
  },
  CEA: {
    label: 'carcinoembryonic antigen (CEA)',
    results: SERUM,
    units: ['ng/mL'],
    decidesTherapyIn: [],
    source: 'NCCN Colon Cancer: CEA is used for surveillance, not to choose therapy',
    loinc: { code: '2039-6', display: 'Carcinoembryonic Ag [Mass/volume] in Serum or Plasma' },
  },
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
