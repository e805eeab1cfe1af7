/** Code systems and codes the case bundle uses, each checked against its published source. */

export const SNOMED = 'http://snomed.info/sct';
export const LOINC = 'http://loinc.org';
export const ICD_O3 = 'http://terminology.hl7.org/CodeSystem/icd-o-3';
export const NCIT = 'http://ncithesaurus-stage.nci.nih.gov';
export const HGNC = 'http://www.genenames.org/geneId';
export const UCUM = 'http://unitsofmeasure.org';
export const CASE_STATUS_SYSTEM = 'urn:concord:case-status';
export const REASON_SYSTEM = 'urn:concord:second-opinion-reason';
export const RECORD_SYSTEM = 'urn:concord:record';
export const US_NPI = 'http://hl7.org/fhir/sid/us-npi';

export const coding = (system: string, code: string, display?: string) => ({
  system,
  code,
  ...(display ? { display } : {}),
});

/** mCODE TNMStagingMethodVS: the AJCC edition as SNOMED CT. */
export const AJCC_EDITION_METHOD = {
  7: coding(
    SNOMED,
    '443830009',
    'American Joint Commission on Cancer, Cancer Staging Manual, 7th edition neoplasm staging system',
  ),
  8: coding(
    SNOMED,
    '897275008',
    'American Joint Commission on Cancer, Cancer Staging Manual, 8th edition neoplasm staging system',
  ),
  9: coding(
    SNOMED,
    '1269566009',
    'American Joint Commission on Cancer, Cancer Staging Manual, 9th version neoplasm staging system',
  ),
} as const;

/** mCODE TNM*StagingTypeVS: clinical, pathological, or unqualified (post-therapy and recurrence). */
export const STAGING_TYPE = {
  group: {
    c: coding(SNOMED, '399537006', 'Clinical TNM stage grouping'),
    p: coding(SNOMED, '399588009', 'Pathologic TNM stage grouping'),
    other: coding(SNOMED, '399390009', 'TNM stage grouping'),
  },
  t: {
    c: coding(SNOMED, '399504009', 'cT category'),
    p: coding(SNOMED, '384625004', 'pT category'),
    other: coding(SNOMED, '78873005', 'T category'),
  },
  n: {
    c: coding(SNOMED, '399534004', 'cN category'),
    p: coding(SNOMED, '371494008', 'pN category'),
    other: coding(SNOMED, '277206009', 'N category'),
  },
  m: {
    c: coding(SNOMED, '399387003', 'cM category'),
    p: coding(SNOMED, '371497001', 'pM category'),
    other: coding(SNOMED, '277208005', 'M category'),
  },
} as const;

/** mCODE LymphomaStage (SNOMED CT) with the Lugano method (NCIt), and MyelomaRISSStage (NCIt). */
export const LYMPHOMA_STAGE = coding(SNOMED, '385388004', 'Lymphoma stage');
export const LUGANO_HODGKIN = coding(
  NCIT,
  'C141189',
  'Lugano Classification Adult Hodgkin Lymphoma by AJCC v8 Stage',
);
export const LUGANO_NON_HODGKIN = coding(
  NCIT,
  'C141158',
  'Lugano Classification Adult Non-Hodgkin Lymphoma by AJCC v8 Stage',
);
export const RISS_STAGE = coding(NCIT, 'C141392', 'Revised International Staging System Stage');

/** mCODE procedure intent (SNOMED CT). */
export const INTENT = {
  curative: coding(SNOMED, '373808002', 'Curative - procedure intent'),
  palliative: coding(SNOMED, '363676003', 'Palliative - procedure intent'),
} as const;

/** mCODE genomic variant: LOINC 69548-6 with the presence answers of LL1971-2, and the gene studied. */
export const VARIANT_ASSESSMENT = coding(LOINC, '69548-6', 'Genetic variant assessment');
export const VARIANT_PRESENT = coding(LOINC, 'LA9633-4', 'Present');
export const VARIANT_ABSENT = coding(LOINC, 'LA9634-2', 'Absent');
export const GENE_STUDIED = coding(LOINC, '48018-6', 'Gene studied [ID]');
export const AMINO_ACID_CHANGE = coding(LOINC, '48005-3', 'Amino acid change (pHGVS)');

/** Planned operations and radiation (SNOMED CT, as mCODE's procedure profiles categorise them). */
export const SURGICAL_PROCEDURE = coding(SNOMED, '387713003', 'Surgical procedure');
export const RADIATION_THERAPY = coding(SNOMED, '53438000', 'Radiation therapy procedure or service');

export const CONDITION_CLINICAL = 'http://terminology.hl7.org/CodeSystem/condition-clinical';
export const CONDITION_VERIFICATION = 'http://terminology.hl7.org/CodeSystem/condition-ver-status';
export const CONDITION_CATEGORY = 'http://terminology.hl7.org/CodeSystem/condition-category';
export const OBSERVATION_CATEGORY = 'http://terminology.hl7.org/CodeSystem/observation-category';
export const TASK_CODE = 'http://hl7.org/fhir/CodeSystem/task-code';

/** Biomarker units as UCUM, where UCUM has the unit (mutations per megabase it has not). */
export const UCUM_UNITS: Readonly<Record<string, string>> = {
  '%': '%',
  score: '{score}',
  'ng/mL': 'ng/mL',
  'U/mL': 'U/mL',
  'U/L': 'U/L',
  'mIU/mL': 'm[IU]/mL',
};

/** Record types as LOINC document types (the US Core document type value set). */
export const RECORD_DOCUMENT_TYPES: Readonly<Record<string, { code: string; display: string }>> = {
  'pathology-report': { code: '11526-1', display: 'Pathology study' },
  imaging: { code: '18748-4', display: 'Diagnostic imaging study' },
  'lab-results': { code: '11502-2', display: 'Laboratory report' },
  'treatment-plan': { code: '18776-5', display: 'Plan of care note' },
  'physician-notes': { code: '11506-3', display: 'Progress note' },
  'genetic-testing': { code: '51969-4', display: 'Genetic analysis report' },
  'medication-list': { code: '10160-0', display: 'History of Medication use Narrative' },
  'discharge-summary': { code: '18842-5', display: 'Discharge summary' },
};
