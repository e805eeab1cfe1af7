/**
 * Distinct diseases that share one ICD-10-CM category: codes in the same category that name
 * different diseases with different treatment (acute against chronic lymphocytic leukemia, C91.0 and * C91.1). Codes of a category not listed here (unspecified, "other") are refinements of any listed one.
 * Sources: ICD-10-CM FY2025 tabular list, chapter 2; WHO Classification of Haematolymphoid Tumours,
 * 5th ed. (2022); WHO Classification of Digestive System and Endocrine Tumours, 5th ed.; NCCN
 * Guidelines for the named diseases (each has its own guideline or treatment pathway).
 * The source of the packed table the functions import (clinical-tables-packed.ts, `npm run
 * clinical-tables`); read by the generator and the tests, never by a function.
 */

export interface DistinctDisease {
  /** The codes, by prefix (C91.0 covers C91.00, C91.01, C91.02). */
  codes: RegExp;
  /** An id; its name in clinicians' words is in clinical-terms.ts. */
  disease: string;
}

const entry = (codes: RegExp, disease: string): DistinctDisease => ({ codes, disease });

export const DISTINCT_DISEASES: readonly DistinctDisease[] = [
  // Liver (C22): primary liver cancers of different cell origin.
  entry(/^C22\.0/, 'hepatocellular-carcinoma'),
  entry(/^C22\.1/, 'intrahepatic-cholangiocarcinoma'),
  entry(/^C22\.2/, 'hepatoblastoma'),
  entry(/^C22\.[34]/, 'liver-sarcoma'),
  // Skin (C44): the fifth character names the histology (1 basal cell, 2 squamous cell).
  entry(/^C44\.\d1/, 'basal-cell-carcinoma-of-skin'),
  entry(/^C44\.\d2/, 'squamous-cell-carcinoma-of-skin'),
  // Pancreas (C25): the endocrine pancreas (islet cell tumours) against the exocrine parts.
  entry(/^C25\.[0-3]/, 'exocrine-pancreatic-cancer'),
  entry(/^C25\.4/, 'pancreatic-neuroendocrine-tumor'),
  // Adrenal (C74) and other endocrine glands (C75): different glands, different diseases.
  entry(/^C74\.0/, 'adrenocortical-carcinoma'),
  entry(/^C74\.1/, 'malignant-pheochromocytoma'),
  entry(/^C75\.0/, 'parathyroid-carcinoma'),
  entry(/^C75\.[12]/, 'pituitary-tumor'),
  entry(/^C75\.3/, 'pineal-tumor'),
  entry(/^C75\.[45]/, 'paraganglioma'),
  // Neuroendocrine (C7A): well-differentiated tumours against poorly differentiated carcinoma.
  entry(/^C7A\.0/, 'well-differentiated-neuroendocrine-tumor'),
  entry(/^C7A\.1/, 'neuroendocrine-carcinoma'),
  entry(/^C7A\.8/, 'other-neuroendocrine-tumor'),
  // Hodgkin lymphoma (C81).
  entry(/^C81\.0/, 'nodular-lymphocyte-predominant-hodgkin'),
  entry(/^C81\.[1-47]/, 'classical-hodgkin-lymphoma'),
  // Follicular lymphoma (C82): grade 3B is treated as diffuse large B-cell lymphoma.
  entry(/^C82\.[0-35]/, 'follicular-lymphoma'),
  entry(/^C82\.4/, 'follicular-lymphoma-grade-3b'),
  entry(/^C82\.6/, 'cutaneous-follicle-center-lymphoma'),
  // Non-follicular lymphoma (C83).
  entry(/^C83\.0/, 'small-lymphocytic-lymphoma'),
  entry(/^C83\.1/, 'mantle-cell-lymphoma'),
  entry(/^C83\.3/, 'diffuse-large-b-cell-lymphoma'),
  entry(/^C83\.5/, 'lymphoblastic-lymphoma'),
  entry(/^C83\.7/, 'burkitt-lymphoma'),
  // Mature T/NK-cell lymphomas (C84).
  entry(/^C84\.0/, 'mycosis-fungoides'),
  entry(/^C84\.1/, 'sezary-syndrome'),
  entry(/^C84\.4/, 'peripheral-t-cell-lymphoma'),
  entry(/^C84\.6/, 'alk-positive-anaplastic-large-cell-lymphoma'),
  entry(/^C84\.7/, 'alk-negative-anaplastic-large-cell-lymphoma'),
  // Other non-Hodgkin lymphoma (C85).
  entry(/^C85\.2/, 'primary-mediastinal-large-b-cell-lymphoma'),
  // Other T/NK-cell lymphomas (C86).
  entry(/^C86\.0/, 'extranodal-nk-t-cell-lymphoma'),
  entry(/^C86\.1/, 'hepatosplenic-t-cell-lymphoma'),
  entry(/^C86\.2/, 'enteropathy-associated-t-cell-lymphoma'),
  entry(/^C86\.3/, 'subcutaneous-panniculitis-like-t-cell-lymphoma'),
  entry(/^C86\.4/, 'blastic-plasmacytoid-dendritic-cell-neoplasm'),
  entry(/^C86\.5/, 'angioimmunoblastic-t-cell-lymphoma'),
  entry(/^C86\.6/, 'primary-cutaneous-cd30-lymphoproliferative-disorder'),
  // Immunoproliferative diseases (C88).
  entry(/^C88\.0/, 'waldenstrom-macroglobulinemia'),
  entry(/^C88\.2/, 'heavy-chain-disease'),
  entry(/^C88\.3/, 'immunoproliferative-small-intestinal-disease'),
  entry(/^C88\.4/, 'malt-lymphoma'),
  // Plasma cell neoplasms (C90): systemic myeloma against a plasmacytoma treated by radiation.
  entry(/^C90\.0/, 'multiple-myeloma'),
  entry(/^C90\.1/, 'plasma-cell-leukemia'),
  entry(/^C90\.2/, 'extramedullary-plasmacytoma'),
  entry(/^C90\.3/, 'solitary-plasmacytoma'),
  // Lymphoid leukemia (C91).
  entry(/^C91\.0/, 'acute-lymphoblastic-leukemia'),
  entry(/^C91\.1/, 'chronic-lymphocytic-leukemia'),
  entry(/^C91\.3/, 'b-cell-prolymphocytic-leukemia'),
  entry(/^C91\.4/, 'hairy-cell-leukemia'),
  entry(/^C91\.5/, 'adult-t-cell-leukemia-lymphoma'),
  entry(/^C91\.6/, 't-cell-prolymphocytic-leukemia'),
  entry(/^C91\.A/, 'mature-b-cell-leukemia-burkitt-type'),
  // Myeloid leukemia (C92): the AML subtypes share induction; APL, CML and atypical CML do not.
  entry(/^C92\.[0356A]/, 'acute-myeloid-leukemia'),
  entry(/^C92\.1/, 'chronic-myeloid-leukemia'),
  entry(/^C92\.2/, 'atypical-chronic-myeloid-leukemia'),
  entry(/^C92\.4/, 'acute-promyelocytic-leukemia'),
  // Monocytic leukemia (C93).
  entry(/^C93\.0/, 'acute-monocytic-leukemia'),
  entry(/^C93\.1/, 'chronic-myelomonocytic-leukemia'),
  entry(/^C93\.3/, 'juvenile-myelomonocytic-leukemia'),
  // Other leukemias of specified cell type (C94).
  entry(/^C94\.[024]/, 'acute-myeloid-leukemia'),
  entry(/^C94\.3/, 'mast-cell-leukemia'),
  entry(/^C94\.6/, 'myelodysplastic-myeloproliferative-neoplasm'),
  // Leukemia of unspecified cell type (C95): acute against chronic.
  entry(/^C95\.0/, 'acute-leukemia'),
  entry(/^C95\.1/, 'chronic-leukemia'),
  // Histiocytic and mast cell neoplasms (C96): single-site against multisystem disease.
  entry(/^C96\.0/, 'multisystem-langerhans-cell-histiocytosis'),
  entry(/^C96\.2/, 'malignant-mast-cell-neoplasm'),
  entry(/^C96\.4/, 'dendritic-cell-sarcoma'),
  entry(/^C96\.5/, 'multifocal-unisystem-langerhans-cell-histiocytosis'),
  entry(/^C96\.6/, 'unifocal-langerhans-cell-histiocytosis'),
  entry(/^C96\.A/, 'histiocytic-sarcoma'),
];
