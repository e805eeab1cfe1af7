import type { Modality } from '../../../../functions/domain/opinion.js';
import type { ClinicalPosition, TreatmentStep } from '../../../../functions/domain/clinical/position.js';

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
