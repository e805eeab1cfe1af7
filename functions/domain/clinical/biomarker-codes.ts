/**
 * Each biomarker's name in clinicians' words and its codes for the FHIR export: LOINC codes from
 * mCODE's TumorMarkerTestVS; for gene variants (exported as mCODE GenomicVariant) the HGNC gene id
 * and the protein change. Apart from biomarkers.ts so that grading and validation do not carry them;
 * the source of each one's therapy-deciding types is in citations.ts (BIOMARKER_SOURCES).
 */
import type { BiomarkerName } from './biomarkers.js';

interface BiomarkerCodes {
  label: string;
  loinc?: { code: string; display: string };
  gene?: { symbol: string; hgnc?: string; aminoAcidChange?: string };
}

export const BIOMARKER_CODES: Readonly<Record<BiomarkerName, BiomarkerCodes>> = {
  ER: {
    label: 'estrogen receptor (ER)',
    loinc: { code: '16112-5', display: 'Estrogen receptor [Interpretation] in Tissue' },
  },
  PR: {
    label: 'progesterone receptor (PR)',
    loinc: { code: '16113-3', display: 'Progesterone receptor [Interpretation] in Tissue' },
  },
  HER2: { label: 'HER2', loinc: { code: '48676-1', display: 'HER2 [Interpretation] in Tissue' } },
  'Ki-67': { label: 'Ki-67 proliferation index' },
  'PD-L1-TPS': {
    label: 'PD-L1 tumor proportion score',
    loinc: {
      code: '83053-9',
      display: 'Cells.programmed cell death ligand 1/100 viable tumor cells in Tissue by Immune stain',
    },
  },
  'PD-L1-CPS': { label: 'PD-L1 combined positive score' },
  EGFR: { label: 'EGFR mutation', gene: { symbol: 'EGFR', hgnc: 'HGNC:3236' } },
  ALK: { label: 'ALK rearrangement', gene: { symbol: 'ALK', hgnc: 'HGNC:427' } },
  ROS1: { label: 'ROS1 rearrangement', gene: { symbol: 'ROS1', hgnc: 'HGNC:10261' } },
  KRAS: { label: 'KRAS mutation', gene: { symbol: 'KRAS', hgnc: 'HGNC:6407' } },
  'KRAS-G12C': {
    label: 'KRAS G12C mutation',
    gene: { symbol: 'KRAS', hgnc: 'HGNC:6407', aminoAcidChange: 'p.G12C' },
  },
  'BRAF-V600E': {
    label: 'BRAF V600E mutation',
    gene: { symbol: 'BRAF', hgnc: 'HGNC:1097', aminoAcidChange: 'p.V600E' },
  },
  BRCA1: { label: 'BRCA1 pathogenic variant', gene: { symbol: 'BRCA1', hgnc: 'HGNC:1100' } },
  BRCA2: { label: 'BRCA2 pathogenic variant', gene: { symbol: 'BRCA2', hgnc: 'HGNC:1101' } },
  PIK3CA: { label: 'PIK3CA mutation', gene: { symbol: 'PIK3CA', hgnc: 'HGNC:8975' } },
  RET: { label: 'RET fusion or mutation', gene: { symbol: 'RET', hgnc: 'HGNC:9967' } },
  NTRK: { label: 'NTRK fusion', gene: { symbol: 'NTRK' } },
  MSI: { label: 'microsatellite instability' },
  MMR: { label: 'mismatch repair protein expression' },
  TMB: { label: 'tumor mutational burden' },
  IDH1: { label: 'IDH1 mutation', gene: { symbol: 'IDH1', hgnc: 'HGNC:5382' } },
  IDH2: { label: 'IDH2 mutation', gene: { symbol: 'IDH2', hgnc: 'HGNC:5383' } },
  FLT3: { label: 'FLT3 mutation', gene: { symbol: 'FLT3', hgnc: 'HGNC:3765' } },
  'BCR-ABL1': { label: 'BCR-ABL1 fusion', gene: { symbol: 'BCR::ABL1' } },
  MGMT: { label: 'MGMT promoter methylation' },
  '1p19q': { label: '1p/19q codeletion' },
  PSA: {
    label: 'prostate-specific antigen (PSA)',
    loinc: { code: '2857-1', display: 'Prostate specific Ag [Mass/volume] in Serum or Plasma' },
  },
  AFP: {
    label: 'alpha-fetoprotein (AFP)',
    loinc: { code: '1834-1', display: 'Alpha-1-Fetoprotein [Mass/volume] in Serum or Plasma' },
  },
  'beta-hCG': { label: 'beta human chorionic gonadotropin (beta-hCG)' },
  LDH: { label: 'lactate dehydrogenase (LDH)' },
  'CA-125': {
    label: 'cancer antigen 125 (CA-125)',
    loinc: { code: '10334-1', display: 'Cancer Ag 125 [Units/volume] in Serum or Plasma' },
  },
  CEA: {
    label: 'carcinoembryonic antigen (CEA)',
    loinc: { code: '2039-6', display: 'Carcinoembryonic Ag [Mass/volume] in Serum or Plasma' },
  },
};
