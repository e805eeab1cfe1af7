import * as z from 'zod/mini';
import { isValidNpi } from '../domain/npi.js';
import { REASONS } from '../domain/reasons.js';
import {
  clinicalPositionChecks,
  clinicalPositionFields,
  clinicalStage,
  diagnosisStageChecks,
} from './clinical.js';
import { birthDate, email, icd10, name, notFutureDate, organization, question, usState } from './common.js';

/** Who may submit an intake (and so confirms it). */
export const SUBMITTERS = ['patient', 'physician'] as const;

// The vocabulary lives in the domain, so a page that lists the reasons bundles no schema.
export { REASONS };

export const PatientSchema = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    firstName: name(),
    lastName: name(),
    dateOfBirth: birthDate(),
    email: email(),
    phone: z.optional(
      z.string().check(z.regex(/^\+[1-9]\d{6,14}$/, 'Must be an E.164 phone number such as +15551234567')),
    ),
    state: usState(),
    preferredLanguage: z._default(
      z
        .string()
        .check(z.regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'Must be a language tag such as en or es')),
      'en',
    ),
  }),
);

export const ReferringPhysicianSchema = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    name: name(),
    email: email(),
    npi: z.string().check(z.refine(isValidNpi, 'Must be a 10-digit NPI with a valid check digit')),
    organization: z.optional(organization()),
  }),
);

export const DiagnosisSchema = /* @__PURE__ */ z.lazy(() =>
  z
    .strictObject({
      icd10: icd10(),
      stage: clinicalStage(),
      diagnosedOn: z.optional(notFutureDate()),
    })
    .check(diagnosisStageChecks()),
);

/** The treating physician's opinion: today's `{ icd10, stage, treatmentPlan }` or the clinical position's fields. */
export const FirstOpinionSchema = /* @__PURE__ */ z.lazy(() =>
  z
    .strictObject({
      physicianName: name(),
      organization: organization(),
      ...clinicalPositionFields(),
    })
    .check(clinicalPositionChecks()),
);

export const PayerInsuranceSchema = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    payerId: z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'Must be a payer id such as acme-health')),
    memberId: z.string().check(z.regex(/^[A-Za-z0-9-]{1,40}$/, 'Must be 1–40 letters, digits or hyphens')),
    groupNumber: z.optional(
      z.string().check(z.regex(/^[A-Za-z0-9-]{1,40}$/, 'Must be 1–40 letters, digits or hyphens')),
    ),
  }),
);

export const SelfPaySchema = /* @__PURE__ */ z.lazy(() => z.strictObject({ selfPay: z.literal(true) }));

export const InsuranceSchema = /* @__PURE__ */ z.lazy(() => z.union([PayerInsuranceSchema, SelfPaySchema]));

export const IntakeSchema = /* @__PURE__ */ z.lazy(() =>
  z
    .strictObject({
      patient: PatientSchema,
      referringPhysician: z.optional(ReferringPhysicianSchema),
      diagnosis: DiagnosisSchema,
      firstOpinion: FirstOpinionSchema,
      insurance: InsuranceSchema,
      reasons: z.array(z.enum(REASONS)).check(
        z.minLength(1, 'Give at least one reason'),
        z.refine((list) => new Set(list).size === list.length, 'Reasons must not repeat'),
      ),
      questions: z._default(z.array(question()).check(z.maxLength(20)), []),
      urgency: z._default(z.enum(['routine', 'expedited']), 'routine'),
      consultation: z._default(z.enum(['virtual', 'in-person']), 'virtual'),
      /** Who fills in the intake: they confirm it by email before anyone else hears of it. */
      submittedBy: z._default(z.enum(SUBMITTERS), 'patient'),
    })
    .check(
      z.refine((intake) => intake.submittedBy !== 'physician' || intake.referringPhysician !== undefined, {
        message: 'A physician who submits the intake must be named in referringPhysician',
        path: ['referringPhysician'],
      }),
    ),
);

export type Intake = z.infer<typeof IntakeSchema>;
export type IntakeInput = z.input<typeof IntakeSchema>;
export type Insurance = z.infer<typeof InsuranceSchema>;

export const CreatedCaseSchema = /* @__PURE__ */ z.lazy(() =>
  z.object({
    caseId: z.string(),
    status: z.string(),
    accessToken: z.string(),
    links: z.object({ self: z.string() }),
  }),
);
export type CreatedCase = z.infer<typeof CreatedCaseSchema>;

export const IdempotencyKeySchema = /* @__PURE__ */ z.lazy(() =>
  z.optional(z.string().check(z.regex(/^[\x21-\x7E]{1,255}$/, 'Must be 1–255 printable ASCII characters'))),
);
