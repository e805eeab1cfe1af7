/**
 * The ICD-10-CM categories of each cancer type: the source of the packed table cancerTypeOf reads
 * (clinical/clinical-tables-packed.ts, `npm run clinical-tables`); read by the generator and the tests,
 * never by a function.
 */
import type { CancerType } from './cancer-type.js';

// [first category, last category, type]; categories compare as strings ("C7A" sorts after "C79").
export const MALIGNANT_RANGES: ReadonlyArray<readonly [string, string, CancerType]> = [
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
export const IN_SITU: Readonly<Record<string, CancerType>> = {
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
