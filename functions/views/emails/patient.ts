import { email } from './email.js';

/*
 * What the patient hears as the case moves on. Each names the case, never a diagnosis or a result: the
 * report itself waits behind its signed link.
 */

/** The records are in and matching has begun. */
export function recordsCompleteEmail(to: string, caseId: string) {
  return email({
    to: [to],
    subject: `Your records are in: second-opinion request ${caseId}`,
    paragraphs: [
      'We have your medical records and are matching an independent specialist for your case.',
      'We will let you know when a specialist has accepted it.',
    ],
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
export function reportReadyEmail(to: string, caseId: string, link: string) {
  return email({
    to: [to],
    subject: `The second-opinion report for case ${caseId} is ready`,
    paragraphs: [
      `The report for second-opinion case ${caseId} is ready: the opinions side by side, how they compare, the answers to the patient's questions and the next steps.`,
      'It opens behind the secure link below, as a web page or a PDF.',
    ],
    link: { url: link, label: 'Open the report' },
  });
}

/** The case was closed without an opinion. */
export function caseClosedEmail(to: string, caseId: string) {
  return email({
    to: [to],
    subject: `Your second-opinion request ${caseId} was closed`,
    paragraphs: [
      `Your second-opinion request ${caseId} has been closed by the care-coordination team.`,
      'You can see its status with the access token you received when you submitted it. Contact your care team with any questions.',
    ],
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
export function selfPayReceiptEmail(to: string, caseId: string) {
  return email({
    to: [to],
    subject: `Receipt for your second-opinion request ${caseId}`,
    paragraphs: [
      `This is your receipt for second-opinion request ${caseId}, paid by you (self-pay).`,
      'No claim was sent to an insurer.',
    ],
  });
}
