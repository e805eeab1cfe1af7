/**
 * The sources of the clinical tables, apart from them so that the functions that grade and validate
 * do not carry the text: what each grading rule detects and why, each stage table's AJCC chapter,
 * each grading system's reference, the source of each biomarker's therapy-deciding types. Keyed by the same ids as the tables (the types make it complete;
 * a test checks the stage tables).
 */
import type { CancerType } from '../cancer-type.js';
import type { BiomarkerName } from './biomarkers.js';
import type { GradeSystemId } from './grade-systems.js';
import type { RuleId } from './rules.js';

export const RULE_CITATIONS: Readonly<Record<RuleId, { detects: string; source: string }>> = {
  'not-cancer': {
    detects: 'One opinion finds cancer (malignant or in situ), the other finds no cancer.',
    source:
      'Kronz et al. 1999; Swapp et al. 2013: a benign against malignant call is the archetypal major discrepancy',
  },
  'behaviour-changed': {
    detects:
      'Benign, uncertain behaviour, in situ or malignant differ (ICD-10-CM block, or ICD-O-3 behaviour when given).',
    source:
      'ICD-10-CM chapter 2 blocks; ICD-O-3.2 behaviour codes; Kronz et al. 1999 (in situ against invasive is major)',
  },
  'different-category': {
    detects: 'Different ICD-10-CM categories: a different primary cancer.',
    source: 'ICD-10-CM categories name the primary site; each primary has its own NCCN guideline',
  },
  'distinct-disease': {
    detects:
      'Same ICD-10-CM category, different disease (C91.0 ALL against C91.1 CLL; C92.0 AML against C92.1 CML; C83.1 mantle cell or C83.7 Burkitt against C83.3 DLBCL; C90.0 myeloma against C90.3 plasmacytoma).',
    source: 'WHO Classification of Haematolymphoid Tumours, 5th ed. (2022); NCCN guideline per disease',
  },
  'histology-family': {
    detects:
      'ICD-O-3 morphologies in different histology families (small cell against non-small cell carcinoma; adenocarcinoma against squamous; ductal against lobular; seminoma against non-seminoma).',
    source:
      'WHO Classification of Tumours, 5th ed.; NCCN NSCLC, SCLC, Breast, Testicular; Kronz et al. 1999 and Swapp et al. 2013 (a reclassification that changes therapy is major)',
  },
  'grade-tier': {
    detects:
      'Histologic grade moves to another treatment tier of its system (Gleason grade group 1 | 2 | 3 | 4-5; FNCLCC 1 | 2-3; WHO CNS 1 | 2 | 3 | 4; G1-2 | G3-4).',
    source:
      'Epstein et al. 2016 grade groups with NCCN Prostate risk groups; FNCLCC (Coindre 2006); WHO CNS5 (2021); AJCC 8th ed. grade',
  },
  'biomarker-therapy': {
    detects:
      'A biomarker that decides therapy for this cancer has another result (ER, PR, HER2 in breast; EGFR, ALK, ROS1, KRAS G12C, PD-L1 in lung; MSI/MMR in any solid tumor; BRCA in breast, ovarian, prostate, pancreatic).',
    source:
      'NCCN biomarker testing principles per cancer; FDA tissue-agnostic approvals (pembrolizumab MSI-H/dMMR 2017; larotrectinib NTRK 2018)',
  },
  'refined-code': {
    detects:
      'Different ICD-10-CM codes of the same disease (site, laterality, or unspecified against specified).',
    source: 'ICD-10-CM: subcodes of a category refine site and laterality of the same cancer',
  },
  'alternative-finding': {
    detects: 'Both opinions find no cancer but code the finding differently, or one names a benign neoplasm.',
    source: 'Neither finding calls for cancer treatment',
  },
  'histology-refined': {
    detects:
      'Another morphology in the same histology family, or a not-otherwise-specified type against a specific one.',
    source: 'ICD-O-3.2; Kronz et al. 1999 (minor: no change in therapy)',
  },
  'grade-changed': {
    detects: 'Histologic grade differs within one treatment tier, or by different grading systems.',
    source: 'Grading systems and tiers as for grade-tier',
  },
  'biomarker-changed': {
    detects:
      'A biomarker that does not decide therapy for this cancer has another result, or a value differs with the same result.',
    source:
      'NCCN: prognostic and monitoring markers (Ki-67, CEA, CA-125, PSA) do not choose therapy by themselves',
  },
  'stage-group': {
    detects:
      'Stage groups in different treatment tiers (I against II), including splits that change treatment: bladder 0a against 0is, testis IS against I, lung occult carcinoma.',
    source:
      'AJCC 8th ed. stage groups; NCCN treatment by stage; NCCN Bladder (Ta against Tis), NCCN Testicular (stage IS)',
  },
  'b-symptoms': {
    detects: 'Lymphoma stage with B symptoms against without (IIA against IIB).',
    source:
      'Lugano classification (Cheson et al., JCO 2014); NCCN Hodgkin Lymphoma: B symptoms make early-stage disease unfavorable',
  },
  'bulky-disease': {
    detects: 'Lymphoma stage II bulky against not bulky.',
    source:
      'Lugano classification (Cheson et al., JCO 2014); NCCN Hodgkin and B-cell Lymphomas: bulky stage II is treated as unfavorable or advanced',
  },
  'sub-stage': {
    detects:
      'Different stage groups within one tier (IIA against IIB), or lymphoma stage with and without extranodal (E) involvement.',
    source: 'AJCC 8th ed.: sub-stages of a group share the treatment approach',
  },
  'stage-unknown': {
    detects:
      'One opinion could not stage (unknown), the other did; a plan difference is graded on the treatment.',
    source: 'Issue 24 (an unknown stage on the same plan was an over-call); AJCC 8th ed.',
  },
  'tnm-changed': {
    detects: 'T, N, M or S categories differ but the stage group does not.',
    source: 'AJCC 8th ed.: treatment follows the stage group',
  },
  'staging-timepoint': {
    detects:
      'The stagings were made at different times (c/p at diagnosis, yc/yp after neoadjuvant therapy, r at recurrence), so their groups are not compared.',
    source: 'AJCC 8th ed., chapter 1 (classifications and the y and r prefixes)',
  },
  'staging-edition': {
    detects: 'The stagings use different AJCC editions.',
    source: 'AJCC 7th, 8th and 9th editions define categories and groups differently',
  },
  'intent-changed': {
    detects: 'Curative against palliative intent.',
    source: 'NCCN principles (goals of care); mCODE procedure intent (SNOMED CT 373808002, 363676003)',
  },
  'modality-set': {
    detects: 'A treatment modality added or removed (palliative care aside).',
    source: 'NCCN treatment guidelines: adding or omitting a modality changes the treatment',
  },
  'neoadjuvant-adjuvant': {
    detects:
      'A therapy given before the local treatment (surgery; radiation when there is no surgery) in one plan comes after it, or alongside it, or not on that side, in the other.',
    source:
      'NCCN Breast, Rectal, Gastric (neoadjuvant against adjuvant indications); NSABP B-18; Sauer et al., NEJM 2004',
  },
  'concurrency-changed': {
    detects: 'Treatments given together (chemoradiation) in one plan and one after the other in the other.',
    source: 'Auperin et al., JCO 2010 (concurrent against sequential chemoradiotherapy); NCCN',
  },
  'local-systemic-first': {
    detects: 'One plan starts with local treatment (surgery or radiation), the other with systemic therapy.',
    source: 'NCCN principles: local-first against systemic-first is a different treatment strategy',
  },
  'first-line-changed': {
    detects: 'With no local treatment in either plan, the first therapy differs.',
    source: 'NCCN: the first-line systemic therapy is the treatment decision',
  },
  'operation-changed': {
    detects:
      'A different operation (lumpectomy against mastectomy, TURBT against cystectomy, lobectomy against pneumonectomy).',
    source: 'NCCN (choice of local therapy: breast conservation, bladder preservation, extent of resection)',
  },
  'timing-role-conflict': {
    detects:
      'The same treatment stated as neoadjuvant in one plan and adjuvant or maintenance in the other, or palliative against curative.',
    source: 'NCI Dictionary of Cancer Terms (neoadjuvant, adjuvant, palliative therapy); NCCN',
  },
  'timing-role': {
    detects:
      'The same treatment in another role on the same side and intent (adjuvant against maintenance, definitive against adjuvant).',
    source: 'NCI Dictionary of Cancer Terms',
  },
  'order-within-phase': {
    detects:
      'Steps reordered among themselves before, or after, the local treatment, with no stated dependency (no concurrency, no conflicting roles).',
    source:
      'Issue 24 (any reordering was an over-call); NCCN Breast: adjuvant chemotherapy and radiation order is not fixed',
  },
  'regimen-changed': {
    detects: 'Another regimen for the same modality (FOLFOX against CAPOX).',
    source: 'NCCN lists alternative regimens within one approach',
  },
  'radiation-dose': {
    detects: 'Another radiation dose or fractionation.',
    source: 'NCCN; hypofractionation trials (START, FAST-Forward): dose within one approach',
  },
  'supportive-care': {
    detects: 'Palliative care added or removed.',
    source: 'ASCO (Ferrell et al., JCO 2017): palliative care alongside any treatment does not change it',
  },
};

export const STAGE_TABLE_SOURCES: Readonly<Partial<Record<CancerType, string>>> = {
  breast: 'AJCC 8th ed., chapter 48 (breast)',
  prostate: 'AJCC 8th ed., chapter 58 (prostate)',
  melanoma: 'AJCC 8th ed., chapter 47 (melanoma of the skin)',
  testicular: 'AJCC 8th ed., chapter 59 (testis); NCCN Testicular Cancer (stage IS)',
  bladder: 'AJCC 8th ed., chapter 62 (urinary bladder); NCCN Bladder Cancer (Ta against Tis)',
  kidney: 'AJCC 8th ed., chapters 60 (kidney) and 61 (renal pelvis and ureter)',
  lung: 'AJCC 8th ed., chapter 36 (lung)',
  colorectal: 'AJCC 8th ed., chapters 20 (colon and rectum) and 21 (anus)',
  stomach: 'AJCC 8th ed., chapter 17 (stomach)',
  esophageal: 'AJCC 8th ed., chapter 16 (esophagus and esophagogastric junction)',
  pancreatic: 'AJCC 8th ed., chapter 28 (exocrine pancreas)',
  liver: 'AJCC 8th ed., chapter 22 (liver)',
  thyroid: 'AJCC 8th ed., chapter 73 (thyroid)',
  lymphoma:
    'AJCC 8th ed., chapters 79-80 (Hodgkin and non-Hodgkin lymphoma, Lugano classification; Cheson et al., JCO 2014)',
  myeloma: 'AJCC 8th ed., chapter 82 (plasma cell myeloma, Revised International Staging System)',
};

export const GRADE_SYSTEM_SOURCES: Readonly<Record<GradeSystemId, string>> = {
  gleason:
    'Epstein et al., ISUP 2014 grade groups (Am J Surg Pathol 2016;40:244); NCCN Prostate Cancer risk groups (low, favorable and unfavorable intermediate, high)',
  nottingham:
    'Elston and Ellis (Histopathology 1991); AJCC 8th ed. breast: grade enters the prognostic stage group, which is graded on its own',
  'who-cns': 'WHO Classification of CNS Tumours, 5th ed. (2021); NCCN Central Nervous System Cancers',
  fnclcc: 'Coindre (Arch Pathol Lab Med 2006); NCCN Soft Tissue Sarcoma: low against high grade',
  isup: 'Delahunt et al., ISUP 2013 renal cell carcinoma grading (prognostic)',
  generic:
    'AJCC 8th ed. general grade G1-G4: low (G1-G2) against high (G3-G4) grade, e.g. NCCN Uterine Neoplasms; WHO 2019 neuroendocrine grading',
};

const HORMONE_RECEPTOR_SOURCE =
  'NCCN Breast Cancer; ASCO/CAP ER/PR testing guideline (Allison et al., JCO 2020)';
const BRCA_SOURCE =
  'NCCN Breast, Ovarian, Prostate and Pancreatic Cancer (PARP inhibitors; OlympiA, SOLO-1, PROfound, POLO)';
const MISMATCH_REPAIR_SOURCE =
  'FDA tissue-agnostic approval of pembrolizumab for MSI-H/dMMR tumors (2017); NCCN Colon Cancer';
const TESTICULAR_MARKER_SOURCE =
  'AJCC 8th ed., chapter 59 (S category); IGCCCG risk classification (JCO 1997); NCCN Testicular Cancer';

export const BIOMARKER_SOURCES: Readonly<Record<BiomarkerName, string>> = {
  ER: HORMONE_RECEPTOR_SOURCE,
  PR: HORMONE_RECEPTOR_SOURCE,
  HER2: 'ASCO/CAP HER2 testing guideline (Wolff et al., JCO 2018, 2023 update); NCCN Breast, Gastric, Esophageal and Colon Cancer',
  'Ki-67': 'International Ki67 in Breast Cancer Working Group (Nielsen et al., JNCI 2021): prognostic',
  'PD-L1-TPS': 'NCCN Non-Small Cell Lung Cancer (TPS of 50% or more: immunotherapy alone)',
  'PD-L1-CPS':
    'NCCN Gastric, Esophageal, Head and Neck, Cervical and Breast Cancer (pembrolizumab by CPS threshold)',
  EGFR: 'NCCN Non-Small Cell Lung Cancer (biomarker testing; EGFR tyrosine kinase inhibitors)',
  ALK: 'NCCN Non-Small Cell Lung Cancer (ALK inhibitors)',
  ROS1: 'NCCN Non-Small Cell Lung Cancer (ROS1 inhibitors)',
  KRAS: 'NCCN Colon and Rectal Cancer (anti-EGFR antibodies only for RAS wild-type disease)',
  'KRAS-G12C': 'NCCN Non-Small Cell Lung Cancer and Colon Cancer (sotorasib, adagrasib)',
  'BRAF-V600E': 'NCCN Melanoma, NSCLC, Colon, Thyroid and CNS Cancers (BRAF/MEK inhibitors)',
  BRCA1: BRCA_SOURCE,
  BRCA2: BRCA_SOURCE,
  PIK3CA: 'NCCN Breast Cancer (PI3K inhibitors in hormone receptor-positive disease)',
  RET: 'NCCN Non-Small Cell Lung Cancer and Thyroid Carcinoma (selective RET inhibitors)',
  NTRK: 'FDA tissue-agnostic approvals of larotrectinib (2018) and entrectinib (2019)',
  MSI: MISMATCH_REPAIR_SOURCE,
  MMR: MISMATCH_REPAIR_SOURCE,
  TMB: 'FDA approval of pembrolizumab for TMB-high tumors without satisfactory alternatives (2020)',
  IDH1: 'WHO CNS5 (2021); NCCN CNS Cancers, AML and Biliary Tract Cancers (IDH inhibitors)',
  IDH2: 'WHO CNS5 (2021); NCCN CNS Cancers and AML (IDH inhibitors)',
  FLT3: 'NCCN Acute Myeloid Leukemia (FLT3 inhibitors)',
  'BCR-ABL1': 'NCCN Chronic Myeloid Leukemia and Acute Lymphoblastic Leukemia (tyrosine kinase inhibitors)',
  MGMT: 'NCCN Central Nervous System Cancers (temozolomide in glioblastoma)',
  '1p19q': 'WHO CNS5 (2021): defines oligodendroglioma; NCCN CNS Cancers (PCV with radiation)',
  PSA: 'AJCC 8th ed., chapter 58: PSA enters the prostate stage group, which is graded on its own',
  AFP: TESTICULAR_MARKER_SOURCE,
  'beta-hCG': TESTICULAR_MARKER_SOURCE,
  LDH: TESTICULAR_MARKER_SOURCE,
  'CA-125': 'NCCN Ovarian Cancer: CA-125 follows response; it does not choose therapy',
  CEA: 'NCCN Colon Cancer: CEA is used for surveillance, not to choose therapy',
};
