import { COMMON_CANCERS, isCommonCancer } from '../domain/common-cancers.js';
import { STAGE_GROUP } from '../domain/opinion-terms.js';
import type { FieldError } from '../shared/errors.js';
import {
  FORM_QUESTIONS,
  FORM_TREATMENT_STEPS,
  lengthLimit,
  questionField,
  reasonField,
  treatmentField,
  type FormError,
} from './intake-form-fields.js';
import { REASONS } from '../domain/reasons.js';
import type { IntakeInput } from './intake.js';

export type FormFields = Readonly<Record<string, string>>;

const text = (fields: FormFields, name: string) => (fields[name] ?? '').trim();
const optional = (fields: FormFields, name: string) => text(fields, name) || undefined;

/** What people type: "(555) 123-4567" → +15551234567 (a 10-digit number is taken as North American). */
function phoneOf(typed: string | undefined): string | undefined {
  if (!typed) return undefined;
  const compact = typed.replace(/[\s().-]/g, '');
  return /^\d{10}$/.test(compact) ? `+1${compact}` : compact;
}

const codeOf = (typed: string) => typed.toUpperCase();
/** Stage groups are written as reports write them (IIA, 0is); "Unknown" is the word unknown. */
const stageOf = (typed: string) =>
  STAGE_GROUP.test(typed) ? typed : /^unknown$/i.test(typed) ? 'unknown' : typed.toUpperCase();

/** The filled rows of a repeated field (treatment1…6, question1…5), in order, with the row each came from. */
function filledRows(fields: FormFields, field: (row: number) => string, count: number) {
  return Array.from({ length: count }, (_, i) => ({ row: i + 1, value: text(fields, field(i + 1)) })).filter(
    (entry) => entry.value,
  );
}

/**
 * The intake form's fields as the JSON body of `POST /cases` (API.md), so both go through one schema. Empty
 * optional fields are left out; the referring physician only when any of theirs is filled. A code left empty
 * is the chosen common cancer's; the first opinion's code and stage, left empty, are the diagnosis's.
 */
export function intakeFromForm(fields: FormFields): IntakeInput {
  const cancer = text(fields, 'cancer');
  const icd10 = codeOf(text(fields, 'icd10')) || (isCommonCancer(cancer) ? COMMON_CANCERS[cancer] : '');
  const stage = stageOf(text(fields, 'stage'));
  const physician = ['physicianName', 'physicianEmail', 'physicianNpi', 'physicianOrganization'];
  const insurance = text(fields, 'insurance');
  return {
    patient: {
      firstName: text(fields, 'firstName'),
      lastName: text(fields, 'lastName'),
      dateOfBirth: text(fields, 'dateOfBirth'),
      email: text(fields, 'email'),
      phone: phoneOf(optional(fields, 'phone')),
      state: text(fields, 'state') as never,
      preferredLanguage: optional(fields, 'preferredLanguage'),
    },
    referringPhysician: physician.some((name) => text(fields, name))
      ? {
          name: text(fields, 'physicianName'),
          email: text(fields, 'physicianEmail'),
          npi: text(fields, 'physicianNpi').replace(/\s/g, ''),
          organization: optional(fields, 'physicianOrganization'),
        }
      : undefined,
    diagnosis: { icd10, stage, diagnosedOn: optional(fields, 'diagnosedOn') },
    firstOpinion: {
      physicianName: text(fields, 'firstOpinionPhysicianName'),
      organization: text(fields, 'firstOpinionOrganization'),
      icd10: codeOf(text(fields, 'firstOpinionIcd10')) || icd10,
      stage: stageOf(text(fields, 'firstOpinionStage')) || stage,
      treatmentPlan: filledRows(fields, treatmentField, FORM_TREATMENT_STEPS).map(({ value }) => ({
        modality: value as never,
      })),
    },
    insurance: (insurance === 'self-pay'
      ? { selfPay: true }
      : insurance === 'plan'
        ? {
            payerId: text(fields, 'payerId'),
            memberId: text(fields, 'memberId'),
            groupNumber: optional(fields, 'groupNumber'),
          }
        : undefined) as never,
    reasons: REASONS.filter((reason) => text(fields, reasonField(reason))),
    questions: filledRows(fields, questionField, FORM_QUESTIONS).map(({ value }) => value),
    urgency: optional(fields, 'urgency') as never,
    consultation: optional(fields, 'consultation') as never,
    submittedBy: optional(fields, 'submittedBy') as never,
  };
}

const capitalized = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/** The row a list item came from: the schema numbers the filled rows only. */
const rowOf = (fields: FormFields, name: (row: number) => string, count: number, index: string | undefined) =>
  filledRows(fields, name, count)[Number(index)]?.row ?? 1;

/** The form field an intake path was typed in: the form names its fields after the paths. */
function fieldOf(path: string, fields: FormFields): string {
  const [head = '', key = '', index] = path.split('.');
  if (head === 'questions') return questionField(rowOf(fields, questionField, FORM_QUESTIONS, key));
  if (key === 'treatmentPlan')
    return treatmentField(rowOf(fields, treatmentField, FORM_TREATMENT_STEPS, index));
  // A physician who submits without giving their details: the mistake is the choice's, shown there.
  if (head === 'referringPhysician') return key ? `physician${capitalized(key)}` : 'submittedBy';
  if (head === 'firstOpinion') return `firstOpinion${capitalized(key)}`;
  if (head === 'insurance') return key && key !== 'selfPay' ? key : head;
  if (head === 'patient' || head === 'diagnosis') return key;
  return ['reasons', 'urgency', 'consultation', 'submittedBy'].includes(head) ? head : 'form';
}

/** What was given for a field: a group (the reasons, the plan, the insurance choice) counts as given once any is. */
function givenFor(field: string, fields: FormFields): string {
  if (field === 'reasons') return REASONS.some((reason) => text(fields, reasonField(reason))) ? 'yes' : '';
  if (field === treatmentField(1) && !text(fields, field))
    return filledRows(fields, treatmentField, FORM_TREATMENT_STEPS).length ? 'yes' : '';
  if (field === 'icd10') return text(fields, 'icd10') || text(fields, 'cancer');
  return text(fields, field);
}

/** Copied from the diagnosis when left empty: a mistake there is the diagnosis's, shown beside it. */
const COPIED = new Set(['firstOpinionIcd10', 'firstOpinionStage']);

/**
 * The schema's errors as the form's: the field each belongs to (one per field), and whether it was left
 * empty, is too long, or is not what the field takes.
 */
export function formErrors(errors: readonly FieldError[], fields: FormFields): FormError[] {
  const found = new Map<string, FormError>();
  for (const error of errors) {
    const field = fieldOf(error.path, fields);
    const given = givenFor(field, fields);
    if (found.has(field) || (COPIED.has(field) && !given)) continue;
    const limit = lengthLimit(field);
    const code = !given ? 'required' : limit !== undefined && given.length > limit ? 'tooLong' : 'invalid';
    found.set(field, { field, code });
  }
  return [...found.values()];
}
