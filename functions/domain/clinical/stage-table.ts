/**
 * The valid stage groups per cancer type, and the treatment tier of each: a change of tier is major,
 * a change within a tier (IIA against IIB) minor. Tiers are the Roman group (0, I, II, III, IV) unless
 * a table splits one, where the split changes treatment. Cancer types without a table accept what the
 * opinion's stage pattern (`STAGE_GROUP`) accepts. All tables are AJCC 8th edition; each one's chapter
 * is in citations.ts (STAGE_TABLE_SOURCES). The source of the packed table the functions import (clinical-tables-packed.ts, `npm run
 * clinical-tables`); read by the generator and the tests, never by a function.
 */
import type { CancerType } from '../cancer-type.js';

export interface StageTable {
  groups: readonly string[];
  /** Groups whose tier is not their Roman group. */
  tiers?: Readonly<Record<string, string>>;
  /** M1 (distant metastasis) always makes the group IV. */
  m1MeansStageIv: boolean;
}

/** Lugano: I, IE, II, IIE, II bulky, III, IV, each with A or B (no B symptoms or B symptoms). */
const LYMPHOMA_GROUPS = ['I', 'IE', 'II', 'IIE', 'III', 'IV']
  .flatMap((group) => [group, `${group}A`, `${group}B`])
  .concat(['II bulky', 'IIA bulky', 'IIB bulky']);

export const STAGE_TABLES: Partial<Record<CancerType, StageTable>> = {
  breast: {
    groups: ['0', 'IA', 'IB', 'IIA', 'IIB', 'IIIA', 'IIIB', 'IIIC', 'IV'],
    m1MeansStageIv: true,
  },
  prostate: {
    groups: ['I', 'IIA', 'IIB', 'IIC', 'IIIA', 'IIIB', 'IIIC', 'IVA', 'IVB'],
    m1MeansStageIv: true,
  },
  melanoma: {
    groups: ['0', 'IA', 'IB', 'IIA', 'IIB', 'IIC', 'IIIA', 'IIIB', 'IIIC', 'IIID', 'IV'],
    m1MeansStageIv: true,
  },
  testicular: {
    groups: ['0', 'I', 'IA', 'IB', 'IS', 'II', 'IIA', 'IIB', 'IIC', 'III', 'IIIA', 'IIIB', 'IIIC'],
    // Stage IS (raised markers after orchiectomy) is treated with chemotherapy, not surveillance.
    tiers: { IS: 'IS' },
    m1MeansStageIv: false,
  },
  bladder: {
    groups: ['0a', '0is', 'I', 'II', 'IIIA', 'IIIB', 'IVA', 'IVB'],
    // Carcinoma in situ is high grade and calls for BCG; non-invasive papillary (Ta) may not.
    tiers: { '0a': '0a', '0is': '0is' },
    m1MeansStageIv: true,
  },
  kidney: {
    // Kidney (chapter 60) and renal pelvis and ureter (chapter 61), which share the cancer type.
    groups: ['0a', '0is', 'I', 'II', 'III', 'IV'],
    tiers: { '0a': '0a', '0is': '0is' },
    m1MeansStageIv: true,
  },
  lung: {
    groups: ['occult', '0', 'IA1', 'IA2', 'IA3', 'IB', 'IIA', 'IIB', 'IIIA', 'IIIB', 'IIIC', 'IVA', 'IVB'],
    tiers: { occult: 'occult' },
    m1MeansStageIv: true,
  },
  colorectal: {
    // Colon and rectum (chapter 20) and anus (chapter 21, whose stage IV has no letter).
    groups: ['0', 'I', 'IIA', 'IIB', 'IIC', 'IIIA', 'IIIB', 'IIIC', 'IV', 'IVA', 'IVB', 'IVC'],
    m1MeansStageIv: true,
  },
  stomach: {
    // Clinical and pathological groups differ (clinical III, IVA, IVB; pathological IIIA-IIIC, IV).
    groups: ['0', 'I', 'IA', 'IB', 'IIA', 'IIB', 'III', 'IIIA', 'IIIB', 'IIIC', 'IV', 'IVA', 'IVB'],
    m1MeansStageIv: true,
  },
  esophageal: {
    groups: ['0', 'I', 'IA', 'IB', 'IC', 'II', 'IIA', 'IIB', 'III', 'IIIA', 'IIIB', 'IV', 'IVA', 'IVB'],
    m1MeansStageIv: true,
  },
  pancreatic: {
    groups: ['0', 'IA', 'IB', 'IIA', 'IIB', 'III', 'IV'],
    m1MeansStageIv: true,
  },
  liver: {
    groups: ['IA', 'IB', 'II', 'IIIA', 'IIIB', 'IVA', 'IVB'],
    m1MeansStageIv: true,
  },
  thyroid: {
    // Differentiated (by age), medullary and anaplastic carcinoma together; M1 is stage II under 55.
    groups: ['I', 'II', 'III', 'IVA', 'IVB', 'IVC'],
    m1MeansStageIv: false,
  },
  lymphoma: {
    groups: LYMPHOMA_GROUPS,
    m1MeansStageIv: false,
  },
  myeloma: {
    groups: ['I', 'II', 'III'],
    m1MeansStageIv: false,
  },
};
