/**
 * Distinct diseases that share one ICD-10-CM category: codes in the same category that name
 * different diseases with different treatment (acute against chronic lymphocytic leukemia, C91.0 and
 * C91.1). Codes of a category not listed here (unspecified, "other") are refinements of any listed one.
 * Sources: ICD-10-CM FY2025 tabular list, chapter 2; WHO Classification of Haematolymphoid Tumours,
 * 5th ed. (2022); WHO Classification of Digestive System and Endocrine Tumours, 5th ed.; NCCN
 * Guidelines for the named diseases (each has its own guideline or treatment pathway).
 */

interface DistinctDisease {
  /** The codes, by prefix (C91.0 covers C91.00, C91.01, C91.02). */
  codes: RegExp;
  disease: string;
  /** The disease in clinicians' words. */
  label: string;
}

const entry = (codes: RegExp, disease: string, label: string): DistinctDisease => ({ codes, disease, label });

export const DISTINCT_DISEASES: readonly DistinctDisease[] = [
  // Liver (C22): primary liver cancers of different cell origin.
  entry(/^C22\.0/, 'hepatocellular-carcinoma', 'hepatocellular carcinoma'),
  entry(/^C22\.1/, 'intrahepatic-cholangiocarcinoma', 'intrahepatic bile duct carcinoma'),
  entry(/^C22\.2/, 'hepatoblastoma', 'hepatoblastoma'),
  entry(/^C22\.[34]/, 'liver-sarcoma', 'sarcoma of the liver'),
  // Skin (C44): the fifth character names the histology (1 basal cell, 2 squamous cell).
  entry(/^C44\.\d1/, 'basal-cell-carcinoma-of-skin', 'basal cell carcinoma of the skin'),
  entry(/^C44\.\d2/, 'squamous-cell-carcinoma-of-skin', 'squamous cell carcinoma of the skin'),
  // Pancreas (C25): the endocrine pancreas (islet cell tumours) against the exocrine parts.
  entry(/^C25\.[0-3]/, 'exocrine-pancreatic-cancer', 'cancer of the exocrine pancreas'),
  entry(/^C25\.4/, 'pancreatic-neuroendocrine-tumor', 'tumor of the endocrine pancreas (islet cells)'),
  // Adrenal (C74) and other endocrine glands (C75): different glands, different diseases.
  entry(/^C74\.0/, 'adrenocortical-carcinoma', 'adrenocortical carcinoma'),
  entry(/^C74\.1/, 'malignant-pheochromocytoma', 'malignant tumor of the adrenal medulla'),
  entry(/^C75\.0/, 'parathyroid-carcinoma', 'parathyroid carcinoma'),
  entry(/^C75\.[12]/, 'pituitary-tumor', 'malignant pituitary or craniopharyngeal tumor'),
  entry(/^C75\.3/, 'pineal-tumor', 'malignant pineal tumor'),
  entry(/^C75\.[45]/, 'paraganglioma', 'paraganglioma (carotid or aortic body)'),
  // Neuroendocrine (C7A): well-differentiated tumours against poorly differentiated carcinoma.
  entry(
    /^C7A\.0/,
    'well-differentiated-neuroendocrine-tumor',
    'well-differentiated neuroendocrine (carcinoid) tumor',
  ),
  entry(/^C7A\.1/, 'neuroendocrine-carcinoma', 'poorly differentiated neuroendocrine carcinoma'),
  entry(/^C7A\.8/, 'other-neuroendocrine-tumor', 'other malignant neuroendocrine tumor'),
  // Hodgkin lymphoma (C81).
  entry(
    /^C81\.0/,
    'nodular-lymphocyte-predominant-hodgkin',
    'nodular lymphocyte predominant Hodgkin lymphoma',
  ),
  entry(/^C81\.[1-47]/, 'classical-hodgkin-lymphoma', 'classical Hodgkin lymphoma'),
  // Follicular lymphoma (C82): grade 3B is treated as diffuse large B-cell lymphoma.
  entry(/^C82\.[0-35]/, 'follicular-lymphoma', 'follicular lymphoma (grade 1-3A)'),
  entry(/^C82\.4/, 'follicular-lymphoma-grade-3b', 'follicular lymphoma grade 3B'),
  entry(/^C82\.6/, 'cutaneous-follicle-center-lymphoma', 'primary cutaneous follicle center lymphoma'),
  // Non-follicular lymphoma (C83).
  entry(/^C83\.0/, 'small-lymphocytic-lymphoma', 'small lymphocytic lymphoma'),
  entry(/^C83\.1/, 'mantle-cell-lymphoma', 'mantle cell lymphoma'),
  entry(/^C83\.3/, 'diffuse-large-b-cell-lymphoma', 'diffuse large B-cell lymphoma'),
  entry(/^C83\.5/, 'lymphoblastic-lymphoma', 'lymphoblastic lymphoma'),
  entry(/^C83\.7/, 'burkitt-lymphoma', 'Burkitt lymphoma'),
  // Mature T/NK-cell lymphomas (C84).
  entry(/^C84\.0/, 'mycosis-fungoides', 'mycosis fungoides'),
  entry(/^C84\.1/, 'sezary-syndrome', 'Sezary syndrome'),
  entry(/^C84\.4/, 'peripheral-t-cell-lymphoma', 'peripheral T-cell lymphoma, not otherwise specified'),
  entry(
    /^C84\.6/,
    'alk-positive-anaplastic-large-cell-lymphoma',
    'ALK-positive anaplastic large cell lymphoma',
  ),
  entry(
    /^C84\.7/,
    'alk-negative-anaplastic-large-cell-lymphoma',
    'ALK-negative anaplastic large cell lymphoma',
  ),
  // Other non-Hodgkin lymphoma (C85).
  entry(/^C85\.2/, 'primary-mediastinal-large-b-cell-lymphoma', 'primary mediastinal large B-cell lymphoma'),
  // Other T/NK-cell lymphomas (C86).
  entry(/^C86\.0/, 'extranodal-nk-t-cell-lymphoma', 'extranodal NK/T-cell lymphoma'),
  entry(/^C86\.1/, 'hepatosplenic-t-cell-lymphoma', 'hepatosplenic T-cell lymphoma'),
  entry(/^C86\.2/, 'enteropathy-associated-t-cell-lymphoma', 'enteropathy-associated T-cell lymphoma'),
  entry(
    /^C86\.3/,
    'subcutaneous-panniculitis-like-t-cell-lymphoma',
    'subcutaneous panniculitis-like T-cell lymphoma',
  ),
  entry(
    /^C86\.4/,
    'blastic-plasmacytoid-dendritic-cell-neoplasm',
    'blastic plasmacytoid dendritic cell neoplasm',
  ),
  entry(/^C86\.5/, 'angioimmunoblastic-t-cell-lymphoma', 'angioimmunoblastic T-cell lymphoma'),
  entry(
    /^C86\.6/,
    'primary-cutaneous-cd30-lymphoproliferative-disorder',
    'primary cutaneous CD30-positive T-cell proliferation',
  ),
  // Immunoproliferative diseases (C88).
  entry(/^C88\.0/, 'waldenstrom-macroglobulinemia', 'Waldenstrom macroglobulinemia'),
  entry(/^C88\.2/, 'heavy-chain-disease', 'heavy chain disease'),
  entry(
    /^C88\.3/,
    'immunoproliferative-small-intestinal-disease',
    'immunoproliferative small intestinal disease',
  ),
  entry(/^C88\.4/, 'malt-lymphoma', 'extranodal marginal zone (MALT) lymphoma'),
  // Plasma cell neoplasms (C90): systemic myeloma against a plasmacytoma treated by radiation.
  entry(/^C90\.0/, 'multiple-myeloma', 'multiple myeloma'),
  entry(/^C90\.1/, 'plasma-cell-leukemia', 'plasma cell leukemia'),
  entry(/^C90\.2/, 'extramedullary-plasmacytoma', 'extramedullary plasmacytoma'),
  entry(/^C90\.3/, 'solitary-plasmacytoma', 'solitary plasmacytoma'),
  // Lymphoid leukemia (C91).
  entry(/^C91\.0/, 'acute-lymphoblastic-leukemia', 'acute lymphoblastic leukemia (ALL)'),
  entry(/^C91\.1/, 'chronic-lymphocytic-leukemia', 'chronic lymphocytic leukemia (CLL)'),
  entry(/^C91\.3/, 'b-cell-prolymphocytic-leukemia', 'B-cell prolymphocytic leukemia'),
  entry(/^C91\.4/, 'hairy-cell-leukemia', 'hairy cell leukemia'),
  entry(/^C91\.5/, 'adult-t-cell-leukemia-lymphoma', 'adult T-cell leukemia/lymphoma'),
  entry(/^C91\.6/, 't-cell-prolymphocytic-leukemia', 'T-cell prolymphocytic leukemia'),
  entry(/^C91\.A/, 'mature-b-cell-leukemia-burkitt-type', 'mature B-cell leukemia, Burkitt type'),
  // Myeloid leukemia (C92): the AML subtypes share induction; APL, CML and atypical CML do not.
  entry(/^C92\.[0356A]/, 'acute-myeloid-leukemia', 'acute myeloid leukemia (AML)'),
  entry(/^C92\.1/, 'chronic-myeloid-leukemia', 'chronic myeloid leukemia, BCR-ABL1-positive (CML)'),
  entry(
    /^C92\.2/,
    'atypical-chronic-myeloid-leukemia',
    'atypical chronic myeloid leukemia, BCR-ABL1-negative',
  ),
  entry(/^C92\.4/, 'acute-promyelocytic-leukemia', 'acute promyelocytic leukemia (APL)'),
  // Monocytic leukemia (C93).
  entry(/^C93\.0/, 'acute-monocytic-leukemia', 'acute monoblastic/monocytic leukemia'),
  entry(/^C93\.1/, 'chronic-myelomonocytic-leukemia', 'chronic myelomonocytic leukemia (CMML)'),
  entry(/^C93\.3/, 'juvenile-myelomonocytic-leukemia', 'juvenile myelomonocytic leukemia'),
  // Other leukemias of specified cell type (C94).
  entry(/^C94\.[024]/, 'acute-myeloid-leukemia', 'acute myeloid leukemia (AML)'),
  entry(/^C94\.3/, 'mast-cell-leukemia', 'mast cell leukemia'),
  entry(
    /^C94\.6/,
    'myelodysplastic-myeloproliferative-neoplasm',
    'myelodysplastic/myeloproliferative neoplasm',
  ),
  // Leukemia of unspecified cell type (C95): acute against chronic.
  entry(/^C95\.0/, 'acute-leukemia', 'acute leukemia of unspecified cell type'),
  entry(/^C95\.1/, 'chronic-leukemia', 'chronic leukemia of unspecified cell type'),
  // Histiocytic and mast cell neoplasms (C96): single-site against multisystem disease.
  entry(/^C96\.0/, 'multisystem-langerhans-cell-histiocytosis', 'multisystem Langerhans cell histiocytosis'),
  entry(/^C96\.2/, 'malignant-mast-cell-neoplasm', 'malignant mast cell neoplasm'),
  entry(/^C96\.4/, 'dendritic-cell-sarcoma', 'sarcoma of dendritic cells'),
  entry(
    /^C96\.5/,
    'multifocal-unisystem-langerhans-cell-histiocytosis',
    'multifocal single-system Langerhans cell histiocytosis',
  ),
  entry(/^C96\.6/, 'unifocal-langerhans-cell-histiocytosis', 'unifocal Langerhans cell histiocytosis'),
  entry(/^C96\.A/, 'histiocytic-sarcoma', 'histiocytic sarcoma'),
];

/** The distinct disease an ICD-10-CM code names, or undefined for a code no entry covers. */
export function distinctDiseaseOf(icd10: string): DistinctDisease | undefined {
  const code = icd10.toUpperCase();
  return DISTINCT_DISEASES.find((candidate) => candidate.codes.test(code));
}

/** Clinicians' words for a disease id of the table (the id itself when unknown). */
export function distinctDiseaseLabel(disease: string): string {
  return DISTINCT_DISEASES.find((candidate) => candidate.disease === disease)?.label ?? disease;
}
