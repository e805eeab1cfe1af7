/** Cancer types Concord matches specialists on, derived from the ICD-10-CM neoplasm category. */
export const CANCER_TYPES = [
  'head-and-neck',
  'esophageal',
  'stomach',
  'colorectal',
  'liver',
  'pancreatic',
  'gastrointestinal-other',
  'lung',
  'thoracic-other',
  'bone-and-soft-tissue',
  'melanoma',
  'skin',
  'breast',
  'gynecologic',
  'prostate',
  'testicular',
  'genitourinary-other',
  'kidney',
  'bladder',
  'brain',
  'thyroid',
  'endocrine-other',
  'neuroendocrine',
  'lymphoma',
  'myeloma',
  'leukemia',
  'other',
] as const;
export type CancerType = (typeof CANCER_TYPES)[number];

// [first category, last category, type]; categories compare as strings ("C7A" sorts after "C79").
const MALIGNANT_RANGES: ReadonlyArray<readonly [string, string, CancerType]> = [
  ['C00', 'C14', 'head-and-neck'],
  ['C15', 'C15', 'esophageal'],
  ['C16', 'C16', 'stomach'],
  ['C17', 'C17', 'gastrointestinal-other'],
  ['C18', 'C21', 'colorectal'],
  ['C22', 'C22', 'liver'],
  ['C23', 'C24', 'gastrointestinal-other'],
  ['C25', 'C25', 'pancreatic'],
  ['C26', 'C26', 'gastrointestinal-other'],
  ['C30', 'C32', 'head-and-neck'],
  ['C33', 'C34', 'lung'],
  ['C37', 'C39', 'thoracic-other'],
  ['C40', 'C41', 'bone-and-soft-tissue'],
  ['C43', 'C43', 'melanoma'],
  ['C44', 'C44', 'skin'],
  ['C4A', 'C4A', 'skin'],
  ['C45', 'C45', 'thoracic-other'],
  ['C46', 'C49', 'bone-and-soft-tissue'],
  ['C50', 'C50', 'breast'],
  ['C51', 'C58', 'gynecologic'],
  ['C60', 'C60', 'genitourinary-other'],
  ['C61', 'C61', 'prostate'],
  ['C62', 'C62', 'testicular'],
  ['C63', 'C63', 'genitourinary-other'],
  ['C64', 'C66', 'kidney'],
  ['C67', 'C67', 'bladder'],
  ['C68', 'C68', 'genitourinary-other'],
  ['C69', 'C69', 'other'],
  ['C70', 'C72', 'brain'],
  ['C73', 'C73', 'thyroid'],
  ['C74', 'C75', 'endocrine-other'],
  ['C7A', 'C7B', 'neuroendocrine'],
  ['C81', 'C88', 'lymphoma'],
  ['C90', 'C90', 'myeloma'],
  ['C91', 'C95', 'leukemia'],
  ['C96', 'C96', 'lymphoma'],
];

// In situ neoplasms (D00–D09) are managed by the organ's specialists.
const IN_SITU: Readonly<Record<string, CancerType>> = {
  D00: 'head-and-neck',
  D01: 'colorectal',
  D02: 'lung',
  D03: 'melanoma',
  D04: 'skin',
  D05: 'breast',
  D06: 'gynecologic',
  D07: 'gynecologic',
  D09: 'other',
};

const category = (code: string): string => code.slice(0, 3).toUpperCase();

/** Derives the cancer type from an ICD-10-CM neoplasm code (C00–D49). */
export function cancerTypeOf(icd10: string): CancerType {
  const cat = category(icd10);
  const code = icd10.toUpperCase();
  if (code.startsWith('D07.5')) return 'prostate';
  if (code.startsWith('D07.4') || code.startsWith('D07.6')) return 'genitourinary-other';
  const inSitu = IN_SITU[cat];
  if (inSitu) return inSitu;
  const range = MALIGNANT_RANGES.find(([first, last]) => cat >= first && cat <= last);
  return range ? range[2] : 'other';
}

/** C codes and in situ D00–D09 are malignant; D10–D49 are benign or of uncertain behaviour. */
export function isMalignant(icd10: string): boolean {
  const cat = category(icd10);
  return cat.startsWith('C') || (cat >= 'D00' && cat <= 'D09');
}
