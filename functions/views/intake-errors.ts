/** The intake form's mistakes in words: beside each field, and in the summary that links to them. */
import { REASONS } from '../domain/reasons.js';
import { lengthLimit, reasonField, type FormError } from '../schemas/intake-form-fields.js';
import type { IntakeId, IntakeWords } from './intake-words.js';
import { html, type Html } from './page.js';

/**
 * Fields whose mistakes say what the field takes (`intake.error.<words>`); the others say "required" or
 * "does not look right". A choice left unmade says the same as a wrong one.
 */
const SPECIFIC: Readonly<Record<string, string>> = {
  dateOfBirth: 'dateOfBirth',
  diagnosedOn: 'diagnosedOn',
  email: 'email',
  physicianEmail: 'email',
  phone: 'phone',
  physicianNpi: 'npi',
  firstOpinionIcd10: 'firstOpinionIcd10',
  stage: 'stage',
  firstOpinionStage: 'stage',
  memberId: 'memberId',
  groupNumber: 'memberId',
};
const CHOICES: Readonly<Record<string, string>> = {
  state: 'state',
  preferredLanguage: 'language',
  icd10: 'icd10',
  insurance: 'insurance',
  payerId: 'payer',
  reasons: 'reasons',
  urgency: 'choice',
  consultation: 'choice',
  submittedBy: 'submittedBy',
};

/** The message id of a mistake, and whether it names what the field takes (else it needs the field's name). */
function messageOf({ field, code }: FormError): { id: IntakeId; specific: boolean } {
  if (code === 'tooLong') return { id: 'intake.error.tooLong', specific: false };
  const specific = /^treatment\d+$/.test(field)
    ? 'treatment'
    : (CHOICES[field] ?? (code === 'invalid' ? SPECIFIC[field] : undefined));
  return { id: `intake.error.${specific ?? code}` as IntakeId, specific: specific !== undefined };
}

export function errorText(t: IntakeWords, error: FormError): string {
  const { id } = messageOf(error);
  return id === 'intake.error.tooLong'
    ? t.text(id, { max: lengthLimit(error.field) ?? 0 })
    : t.text(id as Exclude<IntakeId, 'intake.error.tooLong'>);
}

/** Where a link to the field's error lands: the control itself, or a group's first choice. */
export function anchorOf(field: string): string {
  if (field === 'reasons') return reasonField(REASONS[0]);
  const first: Record<string, string> = {
    insurance: 'plan',
    urgency: 'routine',
    consultation: 'virtual',
    submittedBy: 'patient',
  };
  if (first[field]) return `${field}-${first[field]}`;
  return field;
}

/** The field's name in the summary ("Question 2"), as its label says; none for the form as a whole. */
function labelOf(t: IntakeWords, field: string): string | undefined {
  const row = /^(treatment|question)(\d+)$/.exec(field);
  if (row)
    return t.text(row[1] === 'treatment' ? 'intake.treatmentStep' : 'intake.question', {
      number: Number(row[2]),
    });
  return field === 'form' ? undefined : t.text(`intake.${field}` as IntakeId);
}

/**
 * The summary at the top, announced and focused when the page opens (autofocus needs no script): each mistake
 * links to its field.
 */
export function errorSummary(t: IntakeWords, errors: readonly FormError[]): Html {
  if (!errors.length) return html``;
  return html`<div
    class="error-summary"
    role="alert"
    aria-labelledby="error-summary-title"
    tabindex="-1"
    autofocus
  >
    <h2 id="error-summary-title">${t.text('intake.errorSummary.title')}</h2>
    <p>${t.text('intake.errorSummary.intro', { count: errors.length })}</p>
    <ul>
      ${errors.map((error) => {
        // A message that names what the field takes stands alone; "This is required." needs the field's name.
        const label = labelOf(t, error.field);
        if (!label) return html`<li>${errorText(t, error)}</li>`;
        const words = messageOf(error).specific ? errorText(t, error) : `${label}: ${errorText(t, error)}`;
        return html`<li><a href="#${anchorOf(error.field)}">${words}</a></li>`;
      })}
    </ul>
  </div>`;
}

export const ERROR_SUMMARY_STYLE = `.error-summary{border:5px solid #b10e1e;padding:1rem;margin:1rem 0}
.error-summary h2{margin-top:0}.error-summary li{margin:.6rem 0}.error-summary a{color:#b10e1e;font-weight:600}`;
