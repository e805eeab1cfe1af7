/**
 * Each biomarker's source for the cancer types in which it decides therapy (biomarkers.ts), and its
 * codes for the FHIR export: LOINC codes from mCODE's
 * TumorMarkerTestVS; for gene variants (exported as mCODE GenomicVariant) the HGNC gene id and the
 * protein change. Apart from biomarkers.ts so that grading and validation do not carry them.
 */
import type { BiomarkerName } from './biomarkers.js';

interface BiomarkerDetails {
  source: string;
  loinc?: { code: string; display: string };
  gene?: { symbol: string; hgnc?: string; aminoAcidChange?: string };
}

const HORMONE_RECEPTOR_SOURCE =
  'NCCN Breast Cancer; ASCO/CAP ER/PR testing guideline (Allison et al., JCO 2020)';
const BRCA_SOURCE =
  'NCCN Breast, Ovarian, Prostate and Pancreatic Cancer (PARP inhibitors; OlympiA, SOLO-1, PROfound, POLO)';
const MISMATCH_REPAIR_SOURCE =
  'FDA tissue-agnostic approval of pembrolizumab for MSI-H/dMMR tumors (2017); NCCN Colon Cancer';
const TESTICULAR_MARKER_SOURCE =
  'AJCC 8th ed., chapter 59 (S category); IGCCCG risk classification (JCO 1997); NCCN Testicular Cancer';

export const BIOMARKER_DETAILS: Readonly<Record<BiomarkerName, BiomarkerDetails>> = {
  ER: {
    source: HORMONE_RECEPTOR_SOURCE,
    loinc: { code: '16112-5', display: 'Estrogen receptor [Interpretation] in Tissue' },
  },
  PR: {
    source: HORMONE_RECEPTOR_SOURCE,
    loinc: { code: '16113-3', display: 'Progesterone receptor [Interpretation] in Tissue' },
  },
  HER2: {
    source:
      'ASCO/CAP HER2 testing guideline (Wolff et al., JCO 2018, 2023 update); NCCN Breast, Gastric, Esophageal and Colon Cancer',
    loinc: { code: '48676-1', display: 'HER2 [Interpretation] in Tissue' },
  },
  'Ki-67': {
    source: 'International Ki67 in Breast Cancer Working Group (Nielsen et al., JNCI 2021): prognostic',
  },
  'PD-L1-TPS': {
    source: 'NCCN Non-Small Cell Lung Cancer (TPS of 50% or more: immunotherapy alone)',
    loinc: {
      code: '83053-9',
      display: 'Cells.programmed cell death ligand 1/100 viable tumor cells in Tissue by Immune stain',
    },
  },
  'PD-L1-CPS': {
    source:
      'NCCN Gastric, Esophageal, Head and Neck, Cervical and Breast Cancer (pembrolizumab by CPS threshold)',
  },
  EGFR: {
    source: 'NCCN Non-Small Cell Lung Cancer (biomarker testing; EGFR tyrosine kinase inhibitors)',
    gene: { symbol: 'EGFR', hgnc: 'HGNC:3236' },
  },
  ALK: {
    source: 'NCCN Non-Small Cell Lung Cancer (ALK inhibitors)',
    gene: { symbol: 'ALK', hgnc: 'HGNC:427' },
  },
  ROS1: {
    source: 'NCCN Non-Small Cell Lung Cancer (ROS1 inhibitors)',
    gene: { symbol: 'ROS1', hgnc: 'HGNC:10261' },
  },
  KRAS: {
    source: 'NCCN Colon and Rectal Cancer (anti-EGFR antibodies only for RAS wild-type disease)',
    gene: { symbol: 'KRAS', hgnc: 'HGNC:6407' },
  },
  'KRAS-G12C': {
    source: 'NCCN Non-Small Cell Lung Cancer and Colon Cancer (sotorasib, adagrasib)',
    gene: { symbol: 'KRAS', hgnc: 'HGNC:6407', aminoAcidChange: 'p.G12C' },
  },
  'BRAF-V600E': {
    source: 'NCCN Melanoma, NSCLC, Colon, Thyroid and CNS Cancers (BRAF/MEK inhibitors)',
    gene: { symbol: 'BRAF', hgnc: 'HGNC:1097', aminoAcidChange: 'p.V600E' },
  },
  BRCA1: {
    source: BRCA_SOURCE,
    gene: { symbol: 'BRCA1', hgnc: 'HGNC:1100' },
  },
  BRCA2: {
    source: BRCA_SOURCE,
    gene: { symbol: 'BRCA2', hgnc: 'HGNC:1101' },
  },
  PIK3CA: {
    source: 'NCCN Breast Cancer (PI3K inhibitors in hormone receptor-positive disease)',
    gene: { symbol: 'PIK3CA', hgnc: 'HGNC:8975' },
  },
  RET: {
    source: 'NCCN Non-Small Cell Lung Cancer and Thyroid Carcinoma (selective RET inhibitors)',
    gene: { symbol: 'RET', hgnc: 'HGNC:9967' },
  },
  NTRK: {
    source: 'FDA tissue-agnostic approvals of larotrectinib (2018) and entrectinib (2019)',
    gene: { symbol: 'NTRK' },
  },
  MSI: {
    source: MISMATCH_REPAIR_SOURCE,
  },
  MMR: {
    source: MISMATCH_REPAIR_SOURCE,
  },
  TMB: {
    source: 'FDA approval of pembrolizumab for TMB-high tumors without satisfactory alternatives (2020)',
  },
  IDH1: {
    source: 'WHO CNS5 (2021); NCCN CNS Cancers, AML and Biliary Tract Cancers (IDH inhibitors)',
    gene: { symbol: 'IDH1', hgnc: 'HGNC:5382' },
  },
  IDH2: {
    source: 'WHO CNS5 (2021); NCCN CNS Cancers and AML (IDH inhibitors)',
    gene: { symbol: 'IDH2', hgnc: 'HGNC:5383' },
  },
  FLT3: {
    source: 'NCCN Acute Myeloid Leukemia (FLT3 inhibitors)',
    gene: { symbol: 'FLT3', hgnc: 'HGNC:3765' },
  },
  'BCR-ABL1': {
    source: 'NCCN Chronic Myeloid Leukemia and Acute Lymphoblastic Leukemia (tyrosine kinase inhibitors)',
    gene: { symbol: 'BCR::ABL1' },
  },
  MGMT: {
    source: 'NCCN Central Nervous System Cancers (temozolomide in glioblastoma)',
  },
  '1p19q': {
    source: 'WHO CNS5 (2021): defines oligodendroglioma; NCCN CNS Cancers (PCV with radiation)',
  },
  PSA: {
    source: 'AJCC 8th ed., chapter 58: PSA enters the prostate stage group, which is graded on its own',
    loinc: { code: '2857-1', display: 'Prostate specific Ag [Mass/volume] in Serum or Plasma' },
  },
  AFP: {
    source: TESTICULAR_MARKER_SOURCE,
    loinc: { code: '1834-1', display: 'Alpha-1-Fetoprotein [Mass/volume] in Serum or Plasma' },
  },
  'beta-hCG': {
    source: TESTICULAR_MARKER_SOURCE,
  },
  LDH: {
    source: TESTICULAR_MARKER_SOURCE,
  },
  'CA-125': {
    source: 'NCCN Ovarian Cancer: CA-125 follows response; it does not choose therapy',
    loinc: { code: '10334-1', display: 'Cancer Ag 125 [Units/volume] in Serum or Plasma' },
  },
  CEA: {
    source: 'NCCN Colon Cancer: CEA is used for surveillance, not to choose therapy',
    loinc: { code: '2039-6', display: 'Carcinoembryonic Ag [Mass/volume] in Serum or Plasma' },
  },
};
