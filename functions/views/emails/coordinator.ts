import { approvalTopic } from '../approval-topics.js';
import { email } from './email.js';

/** What each approval asks the coordinator, by its purpose. */
const PURPOSE_TITLES: Record<string, string> = {
  coverage: 'coverage was not confirmed',
  'prior-authorization-denied': 'the insurer denied prior authorization',
  'records-incomplete':
    'the records request went unanswered after every reminder (proceed with what there is, or close)',
  'prior-authorization-overdue': 'the insurer did not answer the prior-authorization request in time',
  'specialist-match': 'approve the proposed specialist, or reject to propose the next candidate',
  'third-opinion': 'the opinions disagree in a way that would change treatment; seek another opinion?',
};

const reminderOf = (reminder?: number) => (reminder ? ` — reminder ${reminder}` : '');

/** An approval request (or its reminder): names the case and the purpose, never the patient. */
export function approvalNeededEmail(
  to: string,
  caseId: string,
  purpose: string,
  link: string,
  reminder?: number,
) {
  return email({
    to: [to],
    subject: `Approval needed: case ${caseId} (${approvalTopic(purpose)})${reminderOf(reminder)}`,
    paragraphs: [
      `Case ${caseId} is waiting for your decision: ${PURPOSE_TITLES[purpose] ?? purpose}.`,
      'Open the link to see the case summary and decide. Opening it changes nothing; only the buttons on the page decide.',
    ],
    link: { url: link, label: 'Review and decide' },
  });
}

/** Why a case stopped, by the error the workflow caught. */
const ATTENTION_REASONS: Record<string, string> = {
  CallbackExpiredError: 'a request went unanswered after every reminder',
  CaseNotFoundError: 'the case record could not be found',
  NoSpecialistError:
    'no eligible specialist is left for the next opinion (every candidate was excluded, declined or is at capacity)',
  SpecialistUnavailableError:
    'on resuming, the specialist it had could not take it back (at capacity, or gone from the directory)',
};

/** The steps a person is asked to answer, by `<kind>:<purpose>` (or kind alone), as the alert names one left unanswered. */
const UNANSWERED_STEPS: Record<string, string> = {
  'approval:coverage': "the team's approval of a case whose coverage was not confirmed",
  'approval:prior-authorization-denied': "the team's decision after the insurer denied prior authorization",
  'approval:prior-authorization-overdue': "the team's decision after the insurer did not answer in time",
  'approval:records-incomplete': "the team's decision on incomplete records",
  'approval:specialist-match': "the team's approval of the proposed specialist",
  'approval:third-opinion': "the team's decision on a third opinion",
  'prior-authorization': "the insurer's prior-authorization decision",
  'records:records': 'the request for medical records (to the referring physician, or the patient)',
  'records:more-tests': 'the request for the further tests the specialist asked for',
  assignment: "the specialist's answer to the review request",
};

/** The step a case stopped at, as its timeline's last expired request names it. */
export interface UnansweredStep {
  kind: string;
  purpose: string;
}

const stepWords = ({ kind, purpose }: UnansweredStep) =>
  UNANSWERED_STEPS[`${kind}:${purpose}`] ?? UNANSWERED_STEPS[kind] ?? `the ${kind} request (${purpose})`;

/**
 * The alert of a stopped case: the case, the error type and, when a request went unanswered, which; a link to
 * the case in the console. Nothing about the patient.
 */
export function needsAttentionEmail(
  to: string,
  caseId: string,
  errorName: string,
  consoleCase: string,
  unanswered?: UnansweredStep,
) {
  const reason = unanswered
    ? `nobody answered ${stepWords(unanswered)}, after every reminder (${errorName})`
    : (ATTENTION_REASONS[errorName] ?? `a step failed (${errorName})`);
  return email({
    to: [to],
    subject: `Needs attention: case ${caseId}`,
    paragraphs: [
      `Case ${caseId} stopped because ${reason}.`,
      'The case is kept as it stands: its intake, records and opinions. Concord will not continue it by itself. In the console, a coordinator can resume it (a request nobody answered is asked again, with a fresh link and deadline) or cancel it.',
    ],
    link: { url: consoleCase, label: 'Open the case in the console' },
  });
}

/** Opinions still split at the cap: the coordinator arranges a tumor board review. */
export function tumorBoardEmail(
  to: string,
  caseId: string,
  opinions: number,
  disputed: readonly string[],
  maxOpinions: number,
) {
  return email({
    to: [to],
    subject: `Tumor board review: case ${caseId}`,
    paragraphs: [
      `The ${opinions} opinions on case ${caseId} still disagree on ${disputed.join(', ')}, and the case has reached its limit of ${maxOpinions} opinions.`,
      'Please arrange a tumor board review. The report goes to the patient and the referring physician with this recommendation.',
    ],
  });
}

/** A contact's address bounced or complained: Concord writes to it no more, and the team must reach them. */
export function undeliverableAlertEmail(
  to: string,
  caseId: string,
  role: 'patient' | 'physician',
  reason: 'BOUNCE' | 'COMPLAINT',
) {
  return email({
    to: [to],
    subject: `Needs attention: the ${role}'s email address of case ${caseId} no longer takes our email`,
    paragraphs: [
      reason === 'BOUNCE'
        ? `Email to the ${role} of case ${caseId} bounced permanently.`
        : `The ${role} of case ${caseId} marked our email as spam.`,
      'The address is on the suppression list and Concord sends it nothing more. Reach them another way (the intake has their phone when given) and correct the address.',
    ],
  });
}
