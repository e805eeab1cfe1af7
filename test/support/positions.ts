import fc from 'fast-check';
import type { ClinicalPosition, TreatmentStep } from '../../functions/domain/clinical/position.js';
import { MODALITIES, type Modality } from '../../functions/domain/opinion-terms.js';

/** A plan from modality names or whole steps. */
export const plan = (...steps: Array<Modality | TreatmentStep>): TreatmentStep[] =>
  steps.map((step) => (typeof step === 'string' ? { modality: step } : step));

/** A cancer position; `extra` adds the richer fields. */
export function position(
  icd10: string,
  stage: string,
  steps: Array<Modality | TreatmentStep>,
  extra: Partial<ClinicalPosition> = {},
): ClinicalPosition {
  return { icd10, stage, treatmentPlan: plan(...steps), ...extra };
}

/** An opinion that finds no cancer. */
export function notCancer(
  finding: string,
  code: string | undefined,
  steps: Array<Modality | TreatmentStep> = [],
): ClinicalPosition {
  return { notCancer: { finding, ...(code ? { icd10: code } : {}) }, treatmentPlan: plan(...steps) };
}

/** API.md's opinion fields as they are today. */
export const LEGACY_POSITION = {
  icd10: 'C50.911',
  stage: 'IIB',
  treatmentPlan: [{ modality: 'chemotherapy' }, { modality: 'surgery' }],
} satisfies ClinicalPosition;

/** Every new field at once: the JSON shape of API.md's additions and of the opinion form. */
export const RICH_POSITION = {
  icd10: 'C50.911',
  histology: { morphology: '8500', behaviour: '3' },
  grade: { system: 'nottingham', value: 2 },
  staging: { prefix: 'c', t: 'T2', n: 'N1', m: 'M0', edition: 8 },
  stage: 'IIB',
  biomarkers: [
    { name: 'ER', result: 'positive', value: 95, unit: '%' },
    { name: 'PR', result: 'positive', value: 60 },
    { name: 'HER2', result: 'low', value: 1, unit: 'score' },
    { name: 'Ki-67', result: 'high', value: 30 },
    { name: 'BRCA1', result: 'wild-type' },
  ],
  treatmentIntent: 'curative',
  treatmentPlan: [
    { modality: 'chemotherapy', regimen: 'AC-T', timing: 'neoadjuvant' },
    { modality: 'surgery', surgery: 'lumpectomy', timing: 'definitive' },
    { modality: 'radiation', radiation: { doseGy: 40.05, fractions: 15 }, timing: 'adjuvant' },
    { modality: 'hormone-therapy', regimen: 'letrozole', timing: 'adjuvant' },
  ],
} satisfies ClinicalPosition;

/** RICH_POSITION as the form sends it. */
export const RICH_FORM: Record<string, string> = {
  morphology: '8500',
  behaviour: '3',
  gradeSystem: 'nottingham',
  gradeValue: '2',
  tnmPrefix: 'c',
  tnmT: 'T2',
  tnmN: 'N1',
  tnmM: 'M0',
  ajccEdition: '8',
  biomarker1Name: 'ER',
  biomarker1Result: 'positive',
  biomarker1Value: '95',
  biomarker1Unit: '%',
  biomarker2Name: 'PR',
  biomarker2Result: 'positive',
  biomarker2Value: '60',
  biomarker3Name: 'HER2',
  biomarker3Result: 'low',
  biomarker3Value: '1',
  biomarker3Unit: 'score',
  biomarker4Name: 'Ki-67',
  biomarker4Result: 'high',
  biomarker4Value: '30',
  biomarker5Name: 'BRCA1',
  biomarker5Result: 'wild-type',
  treatmentIntent: 'curative',
  treatment1: 'chemotherapy',
  treatment1Regimen: 'AC-T',
  treatment1Timing: 'neoadjuvant',
  treatment2: 'surgery',
  treatment2Surgery: 'lumpectomy',
  treatment2Timing: 'definitive',
  treatment3: 'radiation',
  treatment3DoseGy: '40.05',
  treatment3Fractions: '15',
  treatment3Timing: 'adjuvant',
  treatment4: 'hormone-therapy',
  treatment4Regimen: 'letrozole',
  treatment4Timing: 'adjuvant',
};

// --- Positions in the first model's terms: { icd10, stage, treatmentPlan: [{ modality }] } ---------

const legacyCategory = fc.oneof(
  fc
    .tuple(fc.constantFrom('C', 'D'), fc.integer({ min: 0, max: 49 }))
    .map(([letter, n]) => `${letter}${String(n).padStart(2, '0')}`),
  fc.constantFrom('C4A', 'C7A', 'C7B', 'D3A'),
);

/** Any neoplasm category (C00-D49), with or without a subcode. */
export const legacyIcd10 = fc
  .tuple(legacyCategory, fc.option(fc.stringMatching(/^[0-9]{1,3}$/), { nil: undefined }))
  .map(([category, sub]) => (sub === undefined ? category : `${category}.${sub}`));

/** A stage group 0-IV with a sub-stage; with `unknown` and the bladder's 0a and 0is when asked. */
export const legacyStage = ({ unknown = false }: { unknown?: boolean } = {}) => {
  const groups = fc
    .tuple(fc.constantFrom('0', 'I', 'II', 'III', 'IV'), fc.constantFrom('', 'A', 'B', 'C', 'A1', 'B2'))
    .map(([group, sub]) => group + sub);
  return unknown ? fc.oneof(fc.constant('unknown'), groups, fc.constantFrom('0is', '0a')) : groups;
};

export interface LegacyPosition {
  icd10: string;
  stage: string;
  treatmentPlan: Array<{ modality: Modality }>;
}

/** A position of the first model; palliative care among the modalities only when asked. */
export const legacyPosition = ({
  unknown = false,
  palliativeCare = false,
}: { unknown?: boolean; palliativeCare?: boolean } = {}): fc.Arbitrary<LegacyPosition> =>
  fc
    .tuple(
      legacyIcd10,
      legacyStage({ unknown }),
      fc.array(fc.constantFrom(...MODALITIES.filter((m) => palliativeCare || m !== 'palliative-care')), {
        minLength: 1,
        maxLength: 5,
      }),
    )
    .map(([icd10, stage, modalities]) => ({
      icd10,
      stage,
      treatmentPlan: modalities.map((modality) => ({ modality })),
    }));
