import { once } from '../shared/once.js';
import { unpackJson } from '../shared/packed-json.js';
import { PACKED_CANCER_CATEGORIES } from './clinical/clinical-tables-packed.js';

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

interface CategoryTable {
  /** [first category, last category, type]; categories compare as strings ("C7A" sorts after "C79"). */
  malignant: ReadonlyArray<readonly [string, string, CancerType]>;
  /** In situ neoplasms (D00-D09) by category: managed by the organ's specialists. */
  inSitu: Readonly<Record<string, CancerType>>;
}

/** The categories of each type (cancer-type-table.ts), unpacked on first use. */
const categories = /* @__PURE__ */ once(() => unpackJson<CategoryTable>(PACKED_CANCER_CATEGORIES));

const category = (code: string): string => code.slice(0, 3).toUpperCase();

/** Derives the cancer type from an ICD-10-CM neoplasm code (C00–D49). */
export function cancerTypeOf(icd10: string): CancerType {
  const cat = category(icd10);
  const code = icd10.toUpperCase();
  if (code.startsWith('D07.5')) return 'prostate';
  if (code.startsWith('D07.4') || code.startsWith('D07.6')) return 'genitourinary-other';
  const { inSitu, malignant } = categories();
  if (Object.hasOwn(inSitu, cat)) return inSitu[cat]!;
  const range = malignant.find(([first, last]) => cat >= first && cat <= last);
  return range ? range[2] : 'other';
}

/** C codes and in situ D00–D09 are malignant; D10–D49 are benign or of uncertain behaviour. */
export function isMalignant(icd10: string): boolean {
  const cat = category(icd10);
  return cat.startsWith('C') || (cat >= 'D00' && cat <= 'D09');
}
