import * as z from 'zod/mini';
import { DIAGNOSIS_ASSESSMENTS } from '../domain/opinion-terms.js';
import { RECORD_TYPES } from '../domain/records.js';
import { clinicalPositionChecks, clinicalPositionFields } from './clinical.js';
import { FREE_TEXT_MAX, freeText, line, question } from './common.js';

const REFERENCE_MAX = 500;

const ClinicalTrialSchema = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    id: z.string().check(z.regex(/^NCT\d{8}$/, 'Must be a ClinicalTrials.gov id such as NCT01234567')),
    title: line(FREE_TEXT_MAX),
  }),
);

const AnswerSchema = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    question: question(),
    answer: freeText(),
  }),
);

const TestNeededSchema = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    type: z.enum(RECORD_TYPES, `Must be one of ${RECORD_TYPES.join(', ')}`),
    description: freeText(),
  }),
);

/**
 * A specialist's structured opinion (`POST /assignments/{id}/opinion`), API.md's fields and `testsNeeded`:
 * with more-tests-needed, the tests named are the ones the case waits for (none named: any record that
 * arrives after). Every patient question must be answered; that check needs the case, so the use case makes it.
 */
export const OpinionSchema = /* @__PURE__ */ z.lazy(() =>
  z
    .strictObject({
      diagnosisAssessment: z.enum(DIAGNOSIS_ASSESSMENTS),
      ...clinicalPositionFields(),
      clinicalTrials: z._default(z.array(ClinicalTrialSchema).check(z.maxLength(20)), []),
      answers: z._default(z.array(AnswerSchema).check(z.maxLength(20)), []),
      rationale: freeText(),
      references: z._default(z.array(line(REFERENCE_MAX)).check(z.maxLength(50)), []),
      testsNeeded: z.optional(z.array(TestNeededSchema).check(z.minLength(1), z.maxLength(10))),
    })
    .check(clinicalPositionChecks()),
);
export type OpinionInput = z.input<typeof OpinionSchema>;
export type OpinionSubmission = z.infer<typeof OpinionSchema>;
