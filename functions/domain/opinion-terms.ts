/*
 * The vocabularies of an opinion, in the domain rather than beside the schemas that check them: the schemas
 * import them, and a page that only lists them then bundles no schema (zod builders at module top level are
 * never dropped).
 */
export const MODALITIES = [
  'surgery',
  'chemotherapy',
  'radiation',
  'immunotherapy',
  'targeted-therapy',
  'hormone-therapy',
  'stem-cell-transplant',
  'active-surveillance',
  'clinical-trial',
  'palliative-care',
] as const;

export type Modality = (typeof MODALITIES)[number];

export const DIAGNOSIS_ASSESSMENTS = ['confirmed', 'changed', 'more-tests-needed'] as const;

/** AJCC stage groups: 0, 0is, I–IV with an optional letter and digit (IIIC, IVB, IA1), or unknown. */
export const STAGE_GROUP = /^(0(is|a)?|I{1,3}|IV)([A-C][1-3]?)?$|^unknown$/;
