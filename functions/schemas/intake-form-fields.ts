/**
 * The intake form's fields and how its mistakes travel: what both the page (functions/views/intake-page.ts) and
 * the form's mapping to the intake JSON (intake-form.ts) need, with no schema, so the page bundles none.
 */
import { FORM_TREATMENT_STEPS } from './opinion-form.js';

/** How many question boxes the form offers (the JSON contract takes up to 20). */
export const FORM_QUESTIONS = 5;
export { FORM_TREATMENT_STEPS };

export const treatmentField = (row: number) => `treatment${row}`;
export const questionField = (row: number) => `question${row}`;
export const reasonField = (reason: string) => `reason-${reason}`;

/** The form's fields, rows left out (treatment1…, question1…); `reasons` is the group of `reason-…` boxes. */
export const FORM_FIELDS = [
  'submittedBy',
  'firstName',
  'lastName',
  'dateOfBirth',
  'email',
  'phone',
  'state',
  'preferredLanguage',
  'physicianName',
  'physicianEmail',
  'physicianNpi',
  'physicianOrganization',
  'cancer',
  'icd10',
  'stage',
  'diagnosedOn',
  'firstOpinionPhysicianName',
  'firstOpinionOrganization',
  'firstOpinionIcd10',
  'firstOpinionStage',
  'insurance',
  'payerId',
  'memberId',
  'groupNumber',
  'reasons',
  'urgency',
  'consultation',
] as const;

/** Whether a mistake can be shown beside the field: a form field, a row, or `form`, the whole form. */
export function isErrorField(field: string): boolean {
  const row = /^(treatment|question)(\d+)$/.exec(field);
  if (!row) return field === 'form' || (FORM_FIELDS as readonly string[]).includes(field);
  const number = Number(row[2]);
  return number >= 1 && number <= (row[1] === 'treatment' ? FORM_TREATMENT_STEPS : FORM_QUESTIONS);
}

/** required: left empty; tooLong: over its limit; invalid: not what the field takes; the rest are the form's. */
export const ERROR_CODES = ['required', 'tooLong', 'invalid', 'duplicate', 'server'] as const;
export type FormErrorCode = (typeof ERROR_CODES)[number];

export interface FormError {
  field: string;
  code: FormErrorCode;
}

/** The longest text each free-text field takes (API.md limits). */
export function lengthLimit(field: string): number | undefined {
  if (/^(firstName|lastName|physicianName|firstOpinionPhysicianName)$/.test(field)) return 100;
  if (/^question\d+$/.test(field)) return 1000;
  if (/Organization$/.test(field)) return 2000;
  return undefined;
}

/**
 * Mistakes as a query parameter (`firstName:required,icd10:invalid`): field names and codes only, never what
 * was typed, so the URL the browser re-sends the form to carries no personal data.
 */
export const encodeFormErrors = (errors: readonly FormError[]): string =>
  errors.map((error) => `${error.field}:${error.code}`).join(',');

/** The mistakes a query names, keeping only known fields and codes (anything else is ignored). */
export function decodeFormErrors(query: string | undefined): FormError[] {
  return (query ?? '').split(',').flatMap((item) => {
    const [field = '', code = ''] = item.split(':');
    const known = isErrorField(field) && (ERROR_CODES as readonly string[]).includes(code);
    return known ? [{ field, code: code as FormErrorCode }] : [];
  });
}
