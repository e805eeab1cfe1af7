import { patientCatalog } from '../i18n/catalogs.js';
import type { Locale } from '../i18n/locale.js';
import { plainWords } from '../i18n/plain-words.js';
import { email } from './email.js';

/*
 * What the patient hears as the case moves on, in the reader's language (`patient.*`; the patient's own, English to
 * a physician). Each names the case, never a diagnosis or a result: the report itself waits behind its signed link.
 * The two sent by the specialist's links (reviewing, more tests) stay English: those functions are at their
 * bundle budget.
 */

const words = (locale: Locale) => plainWords(locale, patientCatalog);

/** The records are in and matching has begun. */
export function recordsCompleteEmail(to: string, caseId: string, locale: Locale) {
  const t = words(locale);
  return email({
    to: [to],
    subject: t.text('patient.recordsIn.subject', { caseId }),
    paragraphs: [t.text('patient.recordsIn.body'), t.text('patient.recordsIn.next')],
  });
}

/** A specialist has accepted the case. */
export function specialistReviewingEmail(to: string, caseId: string) {
  return email({
    to: [to],
    subject: `A specialist is reviewing your second-opinion request ${caseId}`,
    paragraphs: [
      'An independent specialist has accepted your case and is reviewing your records.',
      'We will let you know when your report is ready.',
    ],
  });
}

/**
 * The specialist needs more tests; `tests`: the ones named, by label. The list itself goes to whoever uploads:
 * the referring physician when there is one.
 */
export function moreTestsNeededEmail(
  to: string,
  caseId: string,
  tests: readonly string[] | undefined,
  physicianUploads: boolean,
) {
  return email({
    to: [to],
    subject: `More tests are needed for your second-opinion request ${caseId}`,
    paragraphs: [
      `The specialist reviewing your case needs the results of more tests before giving an opinion${tests ? `: ${tests.join(', ')}` : ''}.`,
      physicianUploads
        ? 'Your referring physician has been sent the list and a secure upload link; your case continues once the results arrive.'
        : 'You will receive the list and a secure upload link in a separate email; your case continues once the results arrive.',
    ],
  });
}

/** The report is ready, behind its signed link: to the patient and to the referring physician alike. */
export function reportReadyEmail(to: string, caseId: string, link: string, locale: Locale) {
  const t = words(locale);
  return email({
    to: [to],
    subject: t.text('patient.report.subject', { caseId }),
    paragraphs: [t.text('patient.report.body', { caseId }), t.text('patient.report.opens')],
    link: { url: link, label: t.text('patient.report.action') },
  });
}

/** The case was closed without an opinion. */
export function caseClosedEmail(to: string, caseId: string, locale: Locale) {
  const t = words(locale);
  return email({
    to: [to],
    subject: t.text('patient.closed.subject', { caseId }),
    paragraphs: [t.text('patient.closed.body', { caseId }), t.text('patient.closed.next')],
  });
}

/**
 * The care team cancelled the case: to the patient and to the referring physician alike. English only until the
 * message catalogs (views/i18n) arrive; no reason in the email (it may be clinical: it stays on the timeline).
 */
export function caseCancelledEmail(to: string, caseId: string) {
  return email({
    to: [to],
    subject: `Second-opinion request ${caseId} was cancelled`,
    paragraphs: [
      `The care-coordination team has cancelled second-opinion request ${caseId}. Nothing more will happen on it, and any link we sent you for it no longer works.`,
      'If you did not expect this, or still want a second opinion, please contact your care team.',
    ],
  });
}

/** The receipt of a self-pay case: no claim went to an insurer. */
export function selfPayReceiptEmail(to: string, caseId: string, locale: Locale) {
  const t = words(locale);
  return email({
    to: [to],
    subject: t.text('patient.receipt.subject', { caseId }),
    paragraphs: [t.text('patient.receipt.body', { caseId }), t.text('patient.receipt.noClaim')],
  });
}
