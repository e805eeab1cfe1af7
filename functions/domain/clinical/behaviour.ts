/**
 * What kind of neoplasm a diagnosis names: benign, of uncertain behaviour, in situ or malignant. Read
 * from the ICD-O-3 behaviour digit when the opinion gives a histology, else from the ICD-10-CM block.
 * Sources: ICD-10-CM chapter 2 (neoplasms C00-D49); ICD-O-3.2 behaviour codes (WHO/IARC, 2019).
 */

export type Behaviour = 'benign' | 'uncertain behaviour' | 'in situ' | 'malignant';

/** ICD-O-3 behaviour: /0 benign, /1 uncertain or borderline, /2 in situ, /3 malignant (primary),
 * /6 malignant (metastatic site), /9 malignant (uncertain whether primary or metastatic). */
export const ICD_O3_BEHAVIOURS = ['0', '1', '2', '3', '6', '9'] as const;
export type IcdO3Behaviour = (typeof ICD_O3_BEHAVIOURS)[number];

const ICD_O3_BEHAVIOUR: Readonly<Record<IcdO3Behaviour, Behaviour>> = {
  '0': 'benign',
  '1': 'uncertain behaviour',
  '2': 'in situ',
  '3': 'malignant',
  '6': 'malignant',
  '9': 'malignant',
};

export const icdO3Behaviour = (code: IcdO3Behaviour): Behaviour => ICD_O3_BEHAVIOUR[code];

/** The part before the dot: C50 for C50.911. */
export const icd10Category = (code: string): string => code.split('.')[0]!.toUpperCase();

// Categories compare as strings, so D3A (benign neuroendocrine) sorts after D39 and is tested before
// the uncertain-behaviour range. D49 (unspecified behaviour) counts as uncertain.
export function icd10Behaviour(code: string): Behaviour | undefined {
  const category = icd10Category(code);
  if (category.startsWith('C')) return 'malignant';
  if (category >= 'D00' && category <= 'D09') return 'in situ';
  if ((category >= 'D10' && category <= 'D36') || category === 'D3A') return 'benign';
  if (category >= 'D37' && category <= 'D49') return 'uncertain behaviour';
  return undefined;
}

/** Malignant or in situ: what Concord's cancer pathway is for. */
export const isCancerBehaviour = (behaviour: Behaviour | undefined): boolean =>
  behaviour === 'malignant' || behaviour === 'in situ';
