/**
 * Cancers a patient can pick on the intake form when they do not know their diagnosis code, each with a
 * representative ICD-10-CM code of its category (the site unspecified): enough to match a specialist in that
 * cancer (cancerTypeOf), while the specialist confirms the exact code from the records.
 */
export const COMMON_CANCERS = {
  breast: 'C50.919',
  prostate: 'C61',
  lung: 'C34.90',
  colon: 'C18.9',
  rectal: 'C20',
  pancreatic: 'C25.9',
  stomach: 'C16.9',
  esophageal: 'C15.9',
  liver: 'C22.8',
  kidney: 'C64.9',
  bladder: 'C67.9',
  ovarian: 'C56.9',
  uterine: 'C54.1',
  cervical: 'C53.9',
  testicular: 'C62.90',
  thyroid: 'C73',
  'head-and-neck': 'C14.8',
  brain: 'C71.9',
  melanoma: 'C43.9',
  skin: 'C44.90',
  sarcoma: 'C49.9',
  bone: 'C41.9',
  lymphoma: 'C85.90',
  hodgkin: 'C81.90',
  leukemia: 'C95.90',
  myeloma: 'C90.00',
  neuroendocrine: 'C7A.00',
} as const;

export type CommonCancer = keyof typeof COMMON_CANCERS;

export const isCommonCancer = (value: string): value is CommonCancer => Object.hasOwn(COMMON_CANCERS, value);
