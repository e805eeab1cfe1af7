/**
 * Each biomarker's codes for the FHIR export (its name in clinicians' words is in term-tables.ts): LOINC codes from
 * mCODE's TumorMarkerTestVS; for gene variants (exported as mCODE GenomicVariant) the HGNC gene id
 * and the protein change. Apart from biomarkers.ts so that grading and validation do not carry them;
 * the source of each one's therapy-deciding types is in citations.ts (BIOMARKER_SOURCES).
 */
import type { BiomarkerName } from './biomarkers.js';

interface BiomarkerCodes {
  loinc?: { code: string; display: string };
  gene?: { symbol: string; hgnc?: string; aminoAcidChange?: string };
}

export const BIOMARKER_CODES: Readonly<Record<BiomarkerName, BiomarkerCodes>> = {
  ER: { loinc: { code: '16112-5', display: 'Estrogen receptor [Interpretation] in Tissue' } },
  PR: { loinc: { code: '16113-3', display: 'Progesterone receptor [Interpretation] in Tissue' } },
  HER2: { loinc: { code: '48676-1', display: 'HER2 [Interpretation] in Tissue' } },
  'Ki-67': {},
  'PD-L1-TPS': {
    loinc: {
      code: '83053-9',
      display: 'Cells.programmed cell death ligand 1/100 viable tumor cells in Tissue by Immune stain',
    },
  },
  'PD-L1-CPS': {},
  EGFR: { gene: { symbol: 'EGFR', hgnc: 'HGNC:3236' } },
  ALK: { gene: { symbol: 'ALK', hgnc: 'HGNC:427' } },
  ROS1: { gene: { symbol: 'ROS1', hgnc: 'HGNC:10261' } },
  KRAS: { gene: { symbol: 'KRAS', hgnc: 'HGNC:6407' } },
  'KRAS-G12C': { gene: { symbol: 'KRAS', hgnc: 'HGNC:6407', aminoAcidChange: 'p.G12C' } },
  'BRAF-V600E': { gene: { symbol: 'BRAF', hgnc: 'HGNC:1097', aminoAcidChange: 'p.V600E' } },
  BRCA1: { gene: { symbol: 'BRCA1', hgnc: 'HGNC:1100' } },
  BRCA2: { gene: { symbol: 'BRCA2', hgnc: 'HGNC:1101' } },
  PIK3CA: { gene: { symbol: 'PIK3CA', hgnc: 'HGNC:8975' } },
  RET: { gene: { symbol: 'RET', hgnc: 'HGNC:9967' } },
  NTRK: { gene: { symbol: 'NTRK' } },
  MSI: {},
  MMR: {},
  TMB: {},
  IDH1: { gene: { symbol: 'IDH1', hgnc: 'HGNC:5382' } },
  IDH2: { gene: { symbol: 'IDH2', hgnc: 'HGNC:5383' } },
  FLT3: { gene: { symbol: 'FLT3', hgnc: 'HGNC:3765' } },
  'BCR-ABL1': { gene: { symbol: 'BCR::ABL1' } },
  MGMT: {},
  '1p19q': {},
  PSA: { loinc: { code: '2857-1', display: 'Prostate specific Ag [Mass/volume] in Serum or Plasma' } },
  AFP: { loinc: { code: '1834-1', display: 'Alpha-1-Fetoprotein [Mass/volume] in Serum or Plasma' } },
  'beta-hCG': {},
  LDH: {},
  'CA-125': { loinc: { code: '10334-1', display: 'Cancer Ag 125 [Units/volume] in Serum or Plasma' } },
  CEA: { loinc: { code: '2039-6', display: 'Carcinoembryonic Ag [Mass/volume] in Serum or Plasma' } },
};
