/**
 * The mCODE STU4 profiles and extensions the case bundle uses (the elements it fills for each are in
 * mcode-elements.ts). Source: HL7 mCODE IG 4.0.0 (STU4), profiles under http://hl7.org/fhir/us/mcode.
 */

const MCODE = 'http://hl7.org/fhir/us/mcode/StructureDefinition';
const BASE = 'http://hl7.org/fhir/StructureDefinition';

export const PROFILES = {
  patient: `${MCODE}/mcode-cancer-patient`,
  primaryCancerCondition: `${MCODE}/mcode-primary-cancer-condition`,
  tnmStageGroup: `${MCODE}/mcode-tnm-stage-group`,
  tnmPrimaryTumor: `${MCODE}/mcode-tnm-primary-tumor-category`,
  tnmRegionalNodes: `${MCODE}/mcode-tnm-regional-nodes-category`,
  tnmDistantMetastases: `${MCODE}/mcode-tnm-distant-metastases-category`,
  lymphomaStage: `${MCODE}/mcode-lymphoma-stage`,
  myelomaStage: `${MCODE}/mcode-myeloma-riss-stage`,
  tumorMarkerTest: `${MCODE}/mcode-tumor-marker-test`,
  genomicVariant: `${MCODE}/mcode-genomic-variant`,
  medicationRequest: `${MCODE}/mcode-cancer-related-medication-request`,
} as const;

export const MCODE_EXTENSIONS = {
  histologyMorphologyBehavior: `${MCODE}/mcode-histology-morphology-behavior`,
  procedureIntent: `${MCODE}/mcode-procedure-intent`,
} as const;

/** The base resource's own definition, for resources that claim no profile. */
export const baseProfile = (resourceType: string): string => `${BASE}/${resourceType}`;
