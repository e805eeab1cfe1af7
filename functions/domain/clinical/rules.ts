/**
 * The grading rules, one table: what each rule detects, its level and its source. Major = would
 * change treatment or prognosis; minor = would not (the pathology second-opinion convention: Kronz,
 * Westra and Epstein, Cancer 1999;86:2426; Swapp et al., Arch Pathol Lab Med 2013;137:233). The
 * grader takes each reason's level and dimension from here; the README shows the same table.
 */
import type { Dimension, DiscordanceReason } from '../opinion.js';

export interface GradingRule {
  dimension: Dimension;
  level: 'major' | 'minor';
  detects: string;
  source: string;
}

const rule = (dimension: Dimension, level: GradingRule['level'], detects: string, source: string) => ({
  dimension,
  level,
  detects,
  source,
});

export const GRADING_RULES = {
  // --- Diagnosis: major
  'not-cancer': rule(
    'diagnosis',
    'major',
    'One opinion finds cancer (malignant or in situ), the other finds no cancer.',
    'Kronz et al. 1999; Swapp et al. 2013: a benign against malignant call is the archetypal major discrepancy',
  ),
  'behaviour-changed': rule(
    'diagnosis',
    'major',
    'Benign, uncertain behaviour, in situ or malignant differ (ICD-10-CM block, or ICD-O-3 behaviour when given).',
    'ICD-10-CM chapter 2 blocks; ICD-O-3.2 behaviour codes; Kronz et al. 1999 (in situ against invasive is major)',
  ),
  'different-category': rule(
    'diagnosis',
    'major',
    'Different ICD-10-CM categories: a different primary cancer.',
    'ICD-10-CM categories name the primary site; each primary has its own NCCN guideline',
  ),
  'distinct-disease': rule(
    'diagnosis',
    'major',
    'Same ICD-10-CM category, different disease (C91.0 ALL against C91.1 CLL; C92.0 AML against C92.1 CML; C83.1 mantle cell or C83.7 Burkitt against C83.3 DLBCL; C90.0 myeloma against C90.3 plasmacytoma).',
    'WHO Classification of Haematolymphoid Tumours, 5th ed. (2022); NCCN guideline per disease',
  ),
  'histology-family': rule(
    'diagnosis',
    'major',
    'ICD-O-3 morphologies in different histology families (small cell against non-small cell carcinoma; adenocarcinoma against squamous; ductal against lobular; seminoma against non-seminoma).',
    'WHO Classification of Tumours, 5th ed.; NCCN NSCLC, SCLC, Breast, Testicular; Kronz et al. 1999 and Swapp et al. 2013 (a reclassification that changes therapy is major)',
  ),
  'grade-tier': rule(
    'diagnosis',
    'major',
    'Histologic grade moves to another treatment tier of its system (Gleason grade group 1 | 2 | 3 | 4-5; FNCLCC 1 | 2-3; WHO CNS 1 | 2 | 3 | 4; G1-2 | G3-4).',
    'Epstein et al. 2016 grade groups with NCCN Prostate risk groups; FNCLCC (Coindre 2006); WHO CNS5 (2021); AJCC 8th ed. grade',
  ),
  'biomarker-therapy': rule(
    'diagnosis',
    'major',
    'A biomarker that decides therapy for this cancer has another result (ER, PR, HER2 in breast; EGFR, ALK, ROS1, KRAS G12C, PD-L1 in lung; MSI/MMR in any solid tumor; BRCA in breast, ovarian, prostate, pancreatic).',
    'NCCN biomarker testing principles per cancer; FDA tissue-agnostic approvals (pembrolizumab MSI-H/dMMR 2017; larotrectinib NTRK 2018)',
  ),
  // --- Diagnosis: minor
  'refined-code': rule(
    'diagnosis',
    'minor',
    'Different ICD-10-CM codes of the same disease (site, laterality, or unspecified against specified).',
    'ICD-10-CM: subcodes of a category refine site and laterality of the same cancer',
  ),
  'alternative-finding': rule(
    'diagnosis',
    'minor',
    'Both opinions find no cancer but code the finding differently, or one names a benign neoplasm.',
    'Neither finding calls for cancer treatment',
  ),
  'histology-refined': rule(
    'diagnosis',
    'minor',
    'Another morphology in the same histology family, or a not-otherwise-specified type against a specific one.',
    'ICD-O-3.2; Kronz et al. 1999 (minor: no change in therapy)',
  ),
  'grade-changed': rule(
    'diagnosis',
    'minor',
    'Histologic grade differs within one treatment tier, or by different grading systems.',
    'Grading systems and tiers as for grade-tier',
  ),
  'biomarker-changed': rule(
    'diagnosis',
    'minor',
    'A biomarker that does not decide therapy for this cancer has another result, or a value differs with the same result.',
    'NCCN: prognostic and monitoring markers (Ki-67, CEA, CA-125, PSA) do not choose therapy by themselves',
  ),
  // --- Stage: major
  'stage-group': rule(
    'stage',
    'major',
    'Stage groups in different treatment tiers (I against II), including splits that change treatment: bladder 0a against 0is, testis IS against I, lung occult carcinoma.',
    'AJCC 8th ed. stage groups; NCCN treatment by stage; NCCN Bladder (Ta against Tis), NCCN Testicular (stage IS)',
  ),
  'b-symptoms': rule(
    'stage',
    'major',
    'Lymphoma stage with B symptoms against without (IIA against IIB).',
    'Lugano classification (Cheson et al., JCO 2014); NCCN Hodgkin Lymphoma: B symptoms make early-stage disease unfavorable',
  ),
  'bulky-disease': rule(
    'stage',
    'major',
    'Lymphoma stage II bulky against not bulky.',
    'Lugano classification (Cheson et al., JCO 2014); NCCN Hodgkin and B-cell Lymphomas: bulky stage II is treated as unfavorable or advanced',
  ),
  // --- Stage: minor
  'sub-stage': rule(
    'stage',
    'minor',
    'Different stage groups within one tier (IIA against IIB), or lymphoma stage with and without extranodal (E) involvement.',
    'AJCC 8th ed.: sub-stages of a group share the treatment approach',
  ),
  'stage-unknown': rule(
    'stage',
    'minor',
    'One opinion could not stage (unknown), the other did; a plan difference is graded on the treatment.',
    'Issue 24 (an unknown stage on the same plan was an over-call); AJCC 8th ed.',
  ),
  'tnm-changed': rule(
    'stage',
    'minor',
    'T, N, M or S categories differ but the stage group does not.',
    'AJCC 8th ed.: treatment follows the stage group',
  ),
  'staging-timepoint': rule(
    'stage',
    'minor',
    'The stagings were made at different times (c/p at diagnosis, yc/yp after neoadjuvant therapy, r at recurrence), so their groups are not compared.',
    'AJCC 8th ed., chapter 1 (classifications and the y and r prefixes)',
  ),
  'staging-edition': rule(
    'stage',
    'minor',
    'The stagings use different AJCC editions.',
    'AJCC 7th, 8th and 9th editions define categories and groups differently',
  ),
  // --- Treatment: major
  'intent-changed': rule(
    'treatment',
    'major',
    'Curative against palliative intent.',
    'NCCN principles (goals of care); mCODE procedure intent (SNOMED CT 373808002, 363676003)',
  ),
  'modality-set': rule(
    'treatment',
    'major',
    'A treatment modality added or removed (palliative care aside).',
    'NCCN treatment guidelines: adding or omitting a modality changes the treatment',
  ),
  'neoadjuvant-adjuvant': rule(
    'treatment',
    'major',
    'A therapy given before the local treatment (surgery; radiation when there is no surgery) in one plan comes after it, or alongside it, or not on that side, in the other.',
    'NCCN Breast, Rectal, Gastric (neoadjuvant against adjuvant indications); NSABP B-18; Sauer et al., NEJM 2004',
  ),
  'concurrency-changed': rule(
    'treatment',
    'major',
    'Treatments given together (chemoradiation) in one plan and one after the other in the other.',
    'Auperin et al., JCO 2010 (concurrent against sequential chemoradiotherapy); NCCN',
  ),
  'local-systemic-first': rule(
    'treatment',
    'major',
    'One plan starts with local treatment (surgery or radiation), the other with systemic therapy.',
    'NCCN principles: local-first against systemic-first is a different treatment strategy',
  ),
  'first-line-changed': rule(
    'treatment',
    'major',
    'With no local treatment in either plan, the first therapy differs.',
    'NCCN: the first-line systemic therapy is the treatment decision',
  ),
  'operation-changed': rule(
    'treatment',
    'major',
    'A different operation (lumpectomy against mastectomy, TURBT against cystectomy, lobectomy against pneumonectomy).',
    'NCCN (choice of local therapy: breast conservation, bladder preservation, extent of resection)',
  ),
  'timing-role-conflict': rule(
    'treatment',
    'major',
    'The same treatment stated as neoadjuvant in one plan and adjuvant or maintenance in the other, or palliative against curative.',
    'NCI Dictionary of Cancer Terms (neoadjuvant, adjuvant, palliative therapy); NCCN',
  ),
  // --- Treatment: minor
  'timing-role': rule(
    'treatment',
    'minor',
    'The same treatment in another role on the same side and intent (adjuvant against maintenance, definitive against adjuvant).',
    'NCI Dictionary of Cancer Terms',
  ),
  'order-within-phase': rule(
    'treatment',
    'minor',
    'Steps reordered among themselves before, or after, the local treatment, with no stated dependency (no concurrency, no conflicting roles).',
    'Issue 24 (any reordering was an over-call); NCCN Breast: adjuvant chemotherapy and radiation order is not fixed',
  ),
  'regimen-changed': rule(
    'treatment',
    'minor',
    'Another regimen for the same modality (FOLFOX against CAPOX).',
    'NCCN lists alternative regimens within one approach',
  ),
  'radiation-dose': rule(
    'treatment',
    'minor',
    'Another radiation dose or fractionation.',
    'NCCN; hypofractionation trials (START, FAST-Forward): dose within one approach',
  ),
  'supportive-care': rule(
    'treatment',
    'minor',
    'Palliative care added or removed.',
    'ASCO (Ferrell et al., JCO 2017): palliative care alongside any treatment does not change it',
  ),
} as const satisfies Record<string, GradingRule>;

export type RuleId = keyof typeof GRADING_RULES;
export const RULE_IDS = Object.keys(GRADING_RULES) as RuleId[];

/** A reason with what the view needs to word it for the patient. */
export interface ClinicalReason extends DiscordanceReason {
  code: RuleId;
  /** Each opinion's value on what differs, as codes or terms (never PHI): C91.0, IIB, lumpectomy. */
  values: { a: string; b: string };
  /** What the reason is about when one dimension has several: a biomarker, a modality. */
  subject?: string;
}

/** A reason of `code`, its level and dimension read from the table. */
export function reasonFor(
  code: RuleId,
  values: { a: string; b: string },
  detail: string,
  subject?: string,
): ClinicalReason {
  const { dimension, level } = GRADING_RULES[code];
  return { dimension, level, code, detail, values, ...(subject === undefined ? {} : { subject }) };
}
