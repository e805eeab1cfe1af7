import { MODALITIES } from '../domain/opinion-terms.js';
import type { OpinionInput } from './opinion.js';

/** How many treatment steps the HTML form offers. */
export const FORM_TREATMENT_STEPS = 6;

const lines = (text: string | undefined) =>
  (text ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);

const isModality = (value: string): value is (typeof MODALITIES)[number] =>
  (MODALITIES as readonly string[]).includes(value);

/**
 * The opinion form's fields as the JSON body API.md defines, so both go through one schema:
 * `treatment1…6` in order, `answer<i>` for the patient's i-th question, `trials` as lines of
 * "NCT01234567 Title", `references` and `testsNeeded` ("type: description") one per line.
 */
export function opinionFromForm(fields: Record<string, string>, questions: readonly string[]): OpinionInput {
  const steps = Array.from({ length: FORM_TREATMENT_STEPS }, (_, i) => fields[`treatment${i + 1}`] ?? '')
    .filter(Boolean)
    .map((modality) => ({ modality: isModality(modality) ? modality : (modality as never) }));
  const testsNeeded = lines(fields.testsNeeded).map((line) => {
    const [type = '', ...rest] = line.split(':');
    return { type: type.trim() as never, description: rest.join(':').trim() };
  });
  return {
    diagnosisAssessment: fields.diagnosisAssessment as OpinionInput['diagnosisAssessment'],
    icd10: fields.icd10?.trim().toUpperCase() ?? '',
    stage: fields.stage?.trim() ?? '',
    treatmentPlan: steps,
    clinicalTrials: lines(fields.trials).map((line) => {
      const [id = '', ...title] = line.split(/\s+/);
      return { id: id.toUpperCase(), title: title.join(' ') };
    }),
    answers: questions.map((question, i) => ({ question, answer: fields[`answer${i + 1}`] ?? '' })),
    rationale: fields.rationale ?? '',
    references: lines(fields.references),
    ...(testsNeeded.length ? { testsNeeded } : {}),
  };
}
